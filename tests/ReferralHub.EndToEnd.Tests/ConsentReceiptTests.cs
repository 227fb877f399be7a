using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using ReferralHub.Contracts.Vocabulary;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;
using ReferralHub.Gateway.Receipts;
using static ReferralHub.EndToEnd.Tests.Infrastructure.HubServerFixture;

namespace ReferralHub.EndToEnd.Tests;

/// <summary>
/// <c>GET /fhir/Consent/{id}/$receipt</c>: the receipt the survivor keeps states what the hub enforces, in English,
/// Italian and French, as HTML or PDF, and only the custodian gets it.
/// </summary>
public sealed partial class ConsentReceiptTests(HubServerFixture hub) : IClassFixture<HubServerFixture>
{
    private const string EdoName = "Edo Reintegration Initiative (demo NGO)";
    private const string LagosName = "Lagos Livelihoods Network (demo NGO)";
    private const string ShelterName = "Casa Rifugio Roma (demo shelter)";

    /// <summary>What <see cref="ReceiptConsents.NestedProvisions"/> permits, in the CodeSystem's order.</summary>
    private static readonly Dictionary<(string Recipient, string Purpose), string[]> ExpectedGrants = new()
    {
        [(NgoEdo, "reintegration-assistance")] = ["referral", "name", "birth-year", "language", "education", "health"],
        [(NgoEdo, "follow-up-monitoring")] = ["referral", "employment"],
        [(NgoLagos, "reintegration-assistance")] = ["referral", "education"],
    };

    /// <summary>The classes a nested deny carves out of each grant's permit.</summary>
    private static readonly Dictionary<(string Recipient, string Purpose), string> CarvedOut = new()
    {
        [(NgoEdo, "reintegration-assistance")] = "contact",
        [(NgoEdo, "follow-up-monitoring")] = "exploitation",
        [(NgoLagos, "reintegration-assistance")] = "health",
    };

    /// <summary>The first and last day of the follow-up sub-period, as each language writes them.</summary>
    private static readonly Dictionary<string, (string First, string Last)> SubPeriod = new()
    {
        ["en"] = ("1 January 2026", "30 June 2026"),
        ["it"] = ("1º gennaio 2026", "30 giugno 2026"),
        ["fr"] = ("1er janvier 2026", "30 juin 2026"),
    };

    private static readonly Dictionary<string, string> Jurisdiction = new() { ["en"] = "Italy", ["it"] = "Italia", ["fr"] = "Italie" };

    /// <summary>
    /// Values that are rightly the same as the English ones: codes and patterns, and a word both languages share.
    /// Anything else equal to the English wording is an untranslated string.
    /// </summary>
    private static readonly HashSet<(string Language, string Key)> SameAsEnglishOnPurpose =
    [
        ("it", "date.pattern"),
        ("fr", "date.pattern"),
        ("it", "time.pattern"),
        ("it", "table.sensitiveNo"),
    ];

    private HubClient Shelter => hub.ClientFor(HubServerFixture.Shelter);

    [Theory]
    [InlineData("en")]
    [InlineData("it")]
    [InlineData("fr")]
    public async Task The_receipt_names_exactly_the_permitted_classes_per_recipient_and_purpose_and_the_sub_period(string language)
    {
        var consent = await ReceiptConsents.SubmitAsync(Shelter, ReceiptConsents.NestedProvisions());
        var strings = ReceiptStrings.For(language);

        var receipt = await ReceiptConsents.GetAsync(Shelter, consent.ConsentId, $"lang={language}");

        Assert.Equal(HttpStatusCode.OK, receipt.Status);
        Assert.Equal("text/html", receipt.MediaType);
        var page = receipt.Html();
        Assert.Equal(language, page.Root!.Attribute("lang")?.Value);
        var grants = Elements(page, "section").Where(s => s.Attribute("class")?.Value == "grant").ToList();
        Assert.Equal(
            ExpectedGrants.Keys.Select(k => $"{k.Recipient} {k.Purpose}").Order(),
            grants.Select(g => $"{g.Attribute("data-recipient")?.Value} {g.Attribute("data-purpose")?.Value}").Order());
        foreach (var grant in grants)
        {
            var key = (grant.Attribute("data-recipient")!.Value, grant.Attribute("data-purpose")!.Value);
            var listed = Elements(grant, "tr").Select(row => row.Attribute("data-class")?.Value).OfType<string>().ToArray();
            Assert.Equal(ExpectedGrants[key], listed);
            Assert.DoesNotContain(CarvedOut[key], listed);
            Assert.Equal(key.Item1 == NgoEdo ? EdoName : LagosName, Text(Elements(grant, "h3").Single()));
            foreach (var row in Elements(grant, "tr").Where(r => r.Attribute("data-class") is not null))
            {
                Assert.Equal(Plain(strings[$"class.{row.Attribute("data-class")!.Value}.name"]), Text(Elements(row, "td").First()));
            }

            var text = Text(grant);
            Assert.Contains(Plain(strings[$"purpose.{key.Item2}.name"]), text, StringComparison.Ordinal);
            if (key.Item2 == "follow-up-monitoring")
            {
                Assert.Contains(SubPeriod[language].First, text, StringComparison.Ordinal);
                Assert.Contains(SubPeriod[language].Last, text, StringComparison.Ordinal);
            }
            else
            {
                Assert.Contains(Plain(strings["period.always"]), text, StringComparison.Ordinal);
            }
        }

        var healthRow = Elements(grants.Single(g => g.Attribute("data-recipient")!.Value == NgoEdo && g.Attribute("data-purpose")!.Value == "reintegration-assistance"), "tr")
            .Single(row => row.Attribute("data-class")?.Value == "health");
        Assert.Equal("sensitive", healthRow.Attribute("class")?.Value);
        var neverShared = Elements(page, "li").Select(li => li.Attribute("data-class")?.Value).OfType<string>().ToHashSet();
        Assert.Superset(new HashSet<string> { "contact", "exploitation", "birth-date", "identity-documents" }, neverShared);
        var granted = ExpectedGrants.Values.SelectMany(classes => classes).ToHashSet();
        var excludedList = Elements(page, "ul").Last().Elements().Select(li => li.Attribute("data-class")!.Value).ToArray();
        Assert.Equal(HubVocabulary.DataClasses.Concepts.Select(c => c.Code).Where(code => !granted.Contains(code)), excludedList);

        var facts = Text(Elements(page, "table").First(t => t.Attribute("class")?.Value == "facts"));
        Assert.Contains(consent.SurvivorName, facts, StringComparison.Ordinal);
        Assert.Contains(ShelterName, facts, StringComparison.Ordinal);
        Assert.Contains(Jurisdiction[language], facts, StringComparison.Ordinal);
        Assert.Contains($"{consent.ConsentId}-v1", facts, StringComparison.Ordinal);
        Assert.Equal(Plain(strings["status.active"]), Text(Elements(page, "p").Single(p => p.Attribute("class")?.Value == "status")));
    }

    [Fact]
    public void Every_receipt_string_is_translated_in_every_language()
    {
        var english = ReceiptStrings.For(ReceiptLanguage.English).Entries;
        string[] required =
        [
            .. HubVocabulary.DataClasses.Concepts.SelectMany(c => new[] { $"class.{c.Code}.name", $"class.{c.Code}.meaning" }),
            .. HubVocabulary.Purposes.Concepts.SelectMany(c => new[] { $"purpose.{c.Code}.name", $"purpose.{c.Code}.meaning" }),
            .. new[] { "active", "inactive", "draft", "proposed", "rejected", "entered-in-error", "unknown" }.SelectMany(s => new[] { $"status.{s}", $"statusName.{s}" }),
        ];
        Assert.DoesNotContain(required, key => !english.ContainsKey(key));

        var problems = new List<string>();
        foreach (var language in ReceiptLanguage.Supported)
        {
            var entries = ReceiptStrings.For(language).Entries;
            problems.AddRange(english.Keys.Except(entries.Keys).Select(key => $"{language}: {key} is missing"));
            problems.AddRange(entries.Keys.Except(english.Keys).Select(key => $"{language}: {key} is not in English"));
            foreach (var (key, value) in entries)
            {
                if (string.IsNullOrWhiteSpace(value) || value == key || PlaceholderWords().IsMatch(value))
                {
                    problems.Add($"{language}: {key} is left as a placeholder: «{value}»");
                }

                if (english.TryGetValue(key, out var inEnglish))
                {
                    if (!Arguments(value).SetEquals(Arguments(inEnglish)))
                    {
                        problems.Add($"{language}: {key} does not take the English arguments: «{value}»");
                    }

                    if (language != ReceiptLanguage.English && value == inEnglish && !SameAsEnglishOnPurpose.Contains((language, key)))
                    {
                        problems.Add($"{language}: {key} is the English wording: «{value}»");
                    }
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [InlineData("it")]
    [InlineData("fr")]
    public async Task The_Italian_and_French_receipts_contain_no_English_sentence(string language)
    {
        var consent = await ReceiptConsents.SubmitAsync(Shelter, ReceiptConsents.NestedProvisions());

        var text = Text((await ReceiptConsents.GetAsync(Shelter, consent.ConsentId, $"lang={language}")).Html().Root!);

        var english = ReceiptStrings.For(ReceiptLanguage.English).Entries
            .Where(entry => !SameAsEnglishOnPurpose.Contains((language, entry.Key)))
            .SelectMany(entry => Arguments().Split(entry.Value))
            .Select(fragment => fragment.Trim(' ', ',', '.', ':'))
            .Where(fragment => fragment.Length >= 12)
            .Distinct();
        var untranslated = english.Where(fragment => text.Contains(fragment, StringComparison.Ordinal)).ToList();
        Assert.True(untranslated.Count == 0, $"English on the {language} receipt: {string.Join(" | ", untranslated)}");
    }

    [Theory]
    [InlineData("fr", "lang=fr", "application/pdf")]
    [InlineData("it", "lang=it&_format=pdf", null)]
    [InlineData("en", "", "application/pdf, text/html;q=0.5")]
    public async Task The_PDF_is_a_PDF_whose_text_names_the_same_recipients_and_classes_in_that_language_with_accents_intact(string language, string query, string? accept)
    {
        var consent = await ReceiptConsents.SubmitAsync(Shelter, ReceiptConsents.NestedProvisions());
        var strings = ReceiptStrings.For(language);

        var receipt = await ReceiptConsents.GetAsync(Shelter, consent.ConsentId, query, accept);

        Assert.Equal(HttpStatusCode.OK, receipt.Status);
        Assert.Equal("application/pdf", receipt.MediaType);
        Assert.Equal("%PDF-"u8.ToArray(), receipt.Bytes[..5]);
        var text = receipt.PdfText();
        string[] expected =
        [
            strings["document.title"],
            EdoName,
            LagosName,
            consent.SurvivorName,
            SubPeriod[language].First,
            SubPeriod[language].Last,
            Jurisdiction[language],
            .. ExpectedGrants.Values.SelectMany(classes => classes).Distinct().Select(code => strings[$"class.{code}.name"]),
            .. ExpectedGrants.Keys.Select(key => strings[$"purpose.{key.Purpose}.name"]).Distinct(),
        ];
        var missing = expected.Select(Plain).Where(phrase => !text.Contains(phrase, StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, $"Not in the PDF's text: {string.Join(" | ", missing)}\nText: {text}");
        var accented = language switch
        {
            "fr" => ["Le reçu de votre consentement", "Votre année de naissance", "Votre scolarité", "Votre santé"],
            "it" => ["La ricevuta del tuo consenso", "Perché", "Quello che ti è successo (la tratta)"],
            _ => new[] { "Adébáyò" },
        };
        Assert.All(accented, phrase => Assert.Contains(phrase, text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Another_organisation_gets_404_exactly_as_for_an_unknown_id()
    {
        var consent = await ReceiptConsents.SubmitAsync(Shelter, ReceiptConsents.NestedProvisions());
        var unknownId = Guid.NewGuid().ToString();

        foreach (var outsider in new[] { NgoEdo, NgoLagos, GovAgency })
        {
            var client = hub.ClientFor(outsider);
            var theirs = await ReceiptConsents.GetAsync(client, consent.ConsentId);
            var unknown = await ReceiptConsents.GetAsync(client, unknownId);

            Assert.Equal(HttpStatusCode.NotFound, theirs.Status);
            Assert.Equal(unknown.Status, theirs.Status);
            Assert.Equal(unknown.MediaType, theirs.MediaType);
            Assert.Equal(Outcome(unknown.Text, unknownId), Outcome(theirs.Text, consent.ConsentId));
            foreach (var format in new[] { "_format=pdf", "lang=it" })
            {
                Assert.Equal(HttpStatusCode.NotFound, (await ReceiptConsents.GetAsync(client, consent.ConsentId, format)).Status);
            }
        }
    }

    [Fact]
    public async Task An_unknown_id_gets_404_with_an_OperationOutcome()
    {
        var receipt = await ReceiptConsents.GetAsync(Shelter, Guid.NewGuid().ToString(), "lang=fr", "application/pdf");

        Assert.Equal(HttpStatusCode.NotFound, receipt.Status);
        Assert.Equal("OperationOutcome", JsonDocument.Parse(receipt.Text).RootElement.GetProperty("resourceType").GetString());
    }

    [Fact]
    public async Task A_request_without_a_token_gets_401()
    {
        var consent = await ReceiptConsents.SubmitAsync(Shelter, ReceiptConsents.NestedProvisions());

        Assert.Equal(HttpStatusCode.Unauthorized, (await ReceiptConsents.GetAsync(hub.AnonymousClient(), consent.ConsentId)).Status);
    }

    [Theory]
    [InlineData("en", "Withdrawn")]
    [InlineData("it", "Ritirato")]
    [InlineData("fr", "Retiré")]
    public async Task A_withdrawn_consents_receipt_says_it_is_withdrawn_and_grants_nothing(string language, string withdrawn)
    {
        var consent = await ReceiptConsents.SubmitAsync(Shelter, ReceiptConsents.NestedProvisions());
        await ReceiptConsents.WithdrawAsync(Shelter, consent.ConsentId);
        var strings = ReceiptStrings.For(language);

        var page = (await ReceiptConsents.GetAsync(Shelter, consent.ConsentId, $"lang={language}")).Html();

        Assert.Equal(Plain(strings["status.inactive"]), Text(Elements(page, "p").Single(p => p.Attribute("class")?.Value == "status")));
        Assert.Contains(withdrawn, Text(Elements(page, "table").First()), StringComparison.Ordinal);
        Assert.DoesNotContain(Elements(page, "section"), s => s.Attribute("class")?.Value == "grant");
        Assert.Contains(Plain(strings["grants.none"]), Text(page.Root!), StringComparison.Ordinal);
        Assert.Contains($"{consent.ConsentId}-v2", Text(page.Root!), StringComparison.Ordinal);

        var pdf = await ReceiptConsents.GetAsync(Shelter, consent.ConsentId, $"lang={language}&_format=pdf");
        Assert.Contains(Plain(strings["status.inactive"]), pdf.PdfText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", null, "en")]
    [InlineData("", "fr-CH, en;q=0.5", "fr")]
    [InlineData("", "de-DE, it;q=0.8, fr;q=0.7", "it")]
    [InlineData("lang=it", "fr", "it")]
    [InlineData("lang=FR", null, "fr")]
    public async Task The_language_comes_from_lang_else_Accept_Language_else_English(string query, string? acceptLanguage, string expected)
    {
        var consent = await ReceiptConsents.SubmitAsync(Shelter, ReceiptConsents.NestedProvisions());

        var receipt = await ReceiptConsents.GetAsync(Shelter, consent.ConsentId, query, acceptLanguage: acceptLanguage);

        Assert.Equal(expected, receipt.ContentLanguage);
        Assert.Equal(expected, receipt.Html().Root!.Attribute("lang")?.Value);
    }

    [Fact]
    public async Task An_unsupported_language_or_format_is_refused_with_an_OperationOutcome()
    {
        var consent = await ReceiptConsents.SubmitAsync(Shelter, ReceiptConsents.NestedProvisions());

        var language = await ReceiptConsents.GetAsync(Shelter, consent.ConsentId, "lang=de");
        var format = await ReceiptConsents.GetAsync(Shelter, consent.ConsentId, "_format=json");

        Assert.Equal(HttpStatusCode.BadRequest, language.Status);
        Assert.Equal(HttpStatusCode.NotAcceptable, format.Status);
        Assert.All([language, format], answer => Assert.Equal("OperationOutcome", JsonDocument.Parse(answer.Text).RootElement.GetProperty("resourceType").GetString()));
    }

    [Fact]
    public async Task The_page_is_printable_and_accessible_with_no_script_and_nothing_fetched_from_elsewhere()
    {
        var consent = await ReceiptConsents.SubmitAsync(Shelter, ReceiptConsents.NestedProvisions());

        var receipt = await ReceiptConsents.GetAsync(Shelter, consent.ConsentId, "lang=it");
        var page = receipt.Html();

        Assert.StartsWith("<!DOCTYPE html>", receipt.Text, StringComparison.Ordinal);
        Assert.Single(Elements(page, "h1"));
        Assert.Contains("@media print", Text(Elements(page, "style").Single()), StringComparison.Ordinal);
        Assert.DoesNotContain(page.Descendants(), e => e.Name.LocalName is "script" or "link" or "img" or "iframe" or "object");
        Assert.DoesNotContain(page.Descendants().Attributes(), a => a.Name.LocalName is "src" or "href" || a.Name.LocalName.StartsWith("on", StringComparison.Ordinal));
        Assert.DoesNotContain("http", Text(Elements(page, "style").Single()), StringComparison.Ordinal);
        Assert.All(Elements(page, "table"), table => Assert.NotEmpty(Elements(table, "th")));
        Assert.All(Elements(page, "th"), th => Assert.Contains(th.Attribute("scope")?.Value, new[] { "row", "col" }));
        Assert.All(Elements(page, "table").Where(t => t.Attribute("class")?.Value == "classes"), table => Assert.Single(Elements(table, "caption")));
    }

    [Fact]
    public async Task The_survivors_name_is_on_the_receipt_and_in_no_log()
    {
        var consent = await ReceiptConsents.SubmitAsync(Shelter, ReceiptConsents.NestedProvisions());

        var html = await ReceiptConsents.GetAsync(Shelter, consent.ConsentId, "lang=fr");
        var pdf = await ReceiptConsents.GetAsync(Shelter, consent.ConsentId, "lang=it&_format=pdf");

        Assert.Contains(consent.SurvivorName, html.Text, StringComparison.Ordinal);
        Assert.Contains(consent.SurvivorName, pdf.PdfText(), StringComparison.Ordinal);
        Assert.DoesNotContain(hub.Logs.Entries, entry => entry.Text.Contains(consent.SurvivorFamily, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task The_CapabilityStatement_lists_the_receipt_and_evaluate_operations_whose_OperationDefinitions_are_valid_FHIR_R4()
    {
        var metadata = (await hub.AnonymousClient().GetAsync("metadata")).As<CapabilityStatement>();

        var operations = metadata.Rest.Single().Resource.Single(r => r.Type == "Consent").Operation;
        Assert.Equal(["evaluate", "receipt"], operations.Select(o => o.Name).Order());
        Assert.Empty(FhirValidation.Errors(FhirValidation.Validate(metadata)));
        foreach (var operation in operations)
        {
            Assert.Equal($"http://referralhub.org/fhir/OperationDefinition/Consent-{operation.Name}", operation.Definition);
            var definition = Assert.IsType<OperationDefinition>(FhirJson.Parse(CodeSystemLoader.ReadJson($"OperationDefinition-Consent-{operation.Name}")));
            Assert.Equal(operation.Definition, definition.Url);
            Assert.Equal(operation.Name, definition.Code);
            Assert.Empty(FhirValidation.Errors(FhirValidation.Validate(definition)));
        }
    }

    private static IEnumerable<XElement> Elements(XContainer container, string name) => container.Descendants().Where(e => e.Name.LocalName == name);

    private static string Text(XElement element) => Plain(element.Value);

    /// <summary>Whitespace collapsed to single spaces (the French no-break spaces too), as page and PDF text are compared.</summary>
    private static string Plain(string text) => ReceiptResponse.Collapse(text);

    private static HashSet<string> Arguments(string value) => Arguments().Matches(value).Select(m => m.Value).ToHashSet();

    /// <summary>The OperationOutcome's issues with the id taken out, so two 404s can be compared.</summary>
    private static string Outcome(string body, string id)
    {
        using var json = JsonDocument.Parse(body);
        var issues = json.RootElement.GetProperty("issue").EnumerateArray()
            .Select(issue => $"{issue.GetProperty("severity").GetString()}|{issue.GetProperty("code").GetString()}|{issue.GetProperty("diagnostics").GetString()?.Replace(id, "{id}", StringComparison.Ordinal)}");
        return string.Join("\n", issues);
    }

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Arguments();

    [GeneratedRegex(@"\b(TODO|FIXME|TBD|XXX)\b|^\[.*\]$")]
    private static partial Regex PlaceholderWords();
}
