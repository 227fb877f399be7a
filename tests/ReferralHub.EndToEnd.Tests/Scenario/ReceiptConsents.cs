using System.Net.Http.Headers;
using System.Xml;
using System.Xml.Linq;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using static ReferralHub.EndToEnd.Tests.Infrastructure.HubServerFixture;

namespace ReferralHub.EndToEnd.Tests.Scenario;

/// <summary>A consent the shelter submitted (with its survivor), for the receipt tests.</summary>
public sealed record SubmittedConsent(string ConsentId, string PatientId, string SurvivorName, string SurvivorFamily);

/// <summary>One answer of <c>GET /fhir/Consent/{id}/$receipt</c>, with the body as bytes (a PDF) and as text.</summary>
public sealed record ReceiptResponse(System.Net.HttpStatusCode Status, string? MediaType, string? ContentLanguage, byte[] Bytes)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Bytes);

    /// <summary>The page as XML: the receipt is written well-formed, which lets the tests query it.</summary>
    public XDocument Html()
    {
        using var reader = XmlReader.Create(new StringReader(Text), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return XDocument.Load(reader);
    }

    /// <summary>The PDF's text (PdfPig), whitespace collapsed so that wrapped lines read as one.</summary>
    public string PdfText()
    {
        using var document = UglyToad.PdfPig.PdfDocument.Open(Bytes);
        return Collapse(string.Join(" ", document.GetPages().Select(page => ContentOrderTextExtractor.GetText(page))));
    }

    public static string Collapse(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}

/// <summary>
/// The consents of the receipt tests, submitted by the shelter with their Patient in one transaction (no referral, so
/// nothing is disclosed), and the receipt requests.
/// </summary>
public static class ReceiptConsents
{
    /// <summary>
    /// Base deny, with nested exceptions: ngo-ng-edo for reintegration assistance (referral, name, birth-year, language,
    /// education, health, but contact carved out) with no time limit, and for follow-up monitoring (referral,
    /// employment, but exploitation carved out) only from 2026-01-01 to 2026-06-30; ngo-ng-lagos for reintegration
    /// assistance (referral, education, but health carved out).
    /// </summary>
    public static FhirConsent.provisionComponent NestedProvisions() => BaseDeny(
        Permit(NgoEdo, "reintegration-assistance", "referral", "name", "birth-year", "language", "education", "health", "contact").With(DenyOf("contact")),
        Permit(NgoEdo, "follow-up-monitoring", "referral", "employment", "exploitation").During("2026-01-01", "2026-06-30").With(DenyOf("exploitation")),
        Permit(NgoLagos, "reintegration-assistance", "referral", "education", "health").With(DenyOf("health")));

    public static async Task<SubmittedConsent> SubmitAsync(HubClient shelter, FhirConsent.provisionComponent provisions)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var family = $"Adébáyò{tag}";
        var patientUrn = $"urn:uuid:{Guid.NewGuid()}";
        var patient = new Patient { Name = [new HumanName { Given = ["Chiamaka"], Family = family }], Gender = AdministrativeGender.Female };
        var consent = new FhirConsent
        {
            Status = FhirConsent.ConsentState.Active,
            Scope = new CodeableConcept(Vocabulary.ConsentScope, "patient-privacy"),
            Category = [new CodeableConcept(Vocabulary.Loinc, "59284-0")],
            Patient = new ResourceReference(patientUrn),
            DateTimeElement = new FhirDateTime(new DateTimeOffset(2025, 11, 20, 9, 30, 0, TimeSpan.Zero)),
            Organization = [new ResourceReference($"Organization/{Shelter}")],
            PolicyRule = new CodeableConcept(Vocabulary.ActCode, "OPTIN"),
            Provision = provisions,
        };
        var bundle = new Bundle { Type = Bundle.BundleType.Transaction };
        foreach (var (fullUrl, resource) in new (string, Resource)[] { (patientUrn, patient), ($"urn:uuid:{Guid.NewGuid()}", consent) })
        {
            bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = fullUrl, Resource = resource, Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = resource.TypeName } });
        }

        var response = Expect.NotNull(await shelter.Fhir.TransactionAsync(bundle), "the shelter's transaction with a Patient and a Consent is answered");
        string IdOf(int entry) => Refs.IdOf(Refs.Of(response.Entry[entry].Response?.Location)!);
        return new SubmittedConsent(IdOf(1), IdOf(0), $"Chiamaka {family}", family);
    }

    public static async Task WithdrawAsync(HubClient shelter, string consentId)
    {
        var consent = Expect.NotNull(await shelter.Fhir.ReadAsync<FhirConsent>($"Consent/{consentId}"), "the shelter reads its Consent");
        consent.Status = FhirConsent.ConsentState.Inactive;
        await shelter.Fhir.UpdateAsync(consent, versionAware: true);
    }

    /// <summary>GET the receipt; <paramref name="query"/> without the leading <c>?</c>.</summary>
    public static async Task<ReceiptResponse> GetAsync(HubClient client, string consentId, string query = "", string? accept = null, string? acceptLanguage = null)
    {
        var uri = new Uri(client.FhirBase, $"Consent/{consentId}/$receipt{(query.Length > 0 ? "?" + query : "")}");
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        if (acceptLanguage is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        }

        using var response = await client.Http.SendAsync(request);
        return new ReceiptResponse(
            response.StatusCode,
            response.Content.Headers.ContentType?.MediaType,
            response.Content.Headers.ContentLanguage.FirstOrDefault(),
            await response.Content.ReadAsByteArrayAsync());
    }

    private static FhirConsent.provisionComponent BaseDeny(params FhirConsent.provisionComponent[] exceptions) =>
        new() { Type = FhirConsent.ConsentProvisionType.Deny, Provision = [.. exceptions] };

    /// <summary>A deny of these classes wherever its parent applies.</summary>
    private static FhirConsent.provisionComponent DenyOf(params string[] classes) =>
        new() { Type = FhirConsent.ConsentProvisionType.Deny, Class = [.. classes.Select(c => new Coding(Vocabulary.DataClass, c))] };

    private static FhirConsent.provisionComponent Permit(string organization, string purpose, params string[] classes) => new()
    {
        Type = FhirConsent.ConsentProvisionType.Permit,
        Actor = [Recipient(organization)],
        Purpose = [new Coding(Vocabulary.Purpose, purpose)],
        Class = [.. classes.Select(c => new Coding(Vocabulary.DataClass, c))],
    };

    private static FhirConsent.provisionComponent With(this FhirConsent.provisionComponent rule, params FhirConsent.provisionComponent[] exceptions)
    {
        rule.Provision.AddRange(exceptions);
        return rule;
    }

    private static FhirConsent.provisionComponent During(this FhirConsent.provisionComponent rule, string start, string end)
    {
        rule.Period = new Period { Start = start, End = end };
        return rule;
    }

    private static FhirConsent.provisionActorComponent Recipient(string organization) => new()
    {
        Role = new CodeableConcept(Vocabulary.ParticipationType, "IRCP"),
        Reference = new ResourceReference($"Organization/{organization}"),
    };
}
