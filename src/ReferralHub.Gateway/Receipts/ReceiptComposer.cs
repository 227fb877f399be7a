using ReferralHub.Contracts.Vocabulary;

namespace ReferralHub.Gateway.Receipts;

/// <summary>
/// Words a receipt's facts in one language, following the Kantara Initiative Consent Receipt: receipt id, version,
/// jurisdiction, consent timestamp, collection method, PII controller, purposes, PII categories with the sensitive
/// ones flagged, third-party recipients, termination, and how to withdraw.
/// </summary>
public static class ReceiptComposer
{
    /// <summary>Special categories of personal data: flagged wherever they appear.</summary>
    public static IReadOnlySet<string> SensitiveClasses { get; } = new HashSet<string>(StringComparer.Ordinal) { DataClass.Health, DataClass.Exploitation };

    private static readonly HashSet<string> KnownStatuses = new(StringComparer.Ordinal) { "active", "inactive", "draft", "proposed", "rejected", "entered-in-error" };

    public static ReceiptDocument Compose(ReceiptFacts facts, ReceiptStrings strings)
    {
        var dates = new ReceiptDates(strings);
        var status = KnownStatuses.Contains(facts.Status) ? facts.Status : "unknown";
        List<ReceiptBlock> blocks =
        [
            new ReceiptHeading(1, strings["document.title"]),
            new ReceiptParagraph(strings["document.intro"]),
            new ReceiptParagraph(strings[$"status.{status}"], Prominent: true),
            new ReceiptHeading(2, strings["details.heading"]),
            Details(facts, strings, dates, status),
            new ReceiptHeading(2, strings["controller.heading"]),
            new ReceiptParagraph(strings.Format("controller.text", facts.CustodianName)),
            new ReceiptHeading(2, strings["grants.heading"]),
            .. Grants(facts, strings, dates),
            new ReceiptHeading(2, strings["sensitive.heading"]),
            new ReceiptParagraph(strings["sensitive.text"]),
            Sensitive(facts, strings),
            new ReceiptHeading(2, strings["excluded.heading"]),
            .. Excluded(facts, strings),
            new ReceiptHeading(2, strings["term.heading"]),
            .. Term(facts, strings, dates),
            new ReceiptHeading(2, strings["withdraw.heading"]),
            new ReceiptParagraph(strings.Format("withdraw.how", facts.CustodianName)),
            new ReceiptParagraph(strings["withdraw.effect"]),
            new ReceiptParagraph(strings["withdraw.referrals"]),
            new ReceiptParagraph(strings.Format("withdraw.record", facts.CustodianName)),
            new ReceiptParagraph(strings.Format("footer.text", facts.CustodianName)),
        ];
        return new ReceiptDocument(strings.Language, strings["document.title"], blocks);
    }

    private static ReceiptFactTable Details(ReceiptFacts facts, ReceiptStrings strings, ReceiptDates dates, string status)
    {
        var notStated = strings["details.notStated"];
        return new ReceiptFactTable(
        [
            new(strings["details.person"], facts.SurvivorName ?? notStated),
            new(strings["details.receiptId"], facts.ReceiptId),
            new(strings["details.version"], strings["details.versionValue"]),
            new(strings["details.consentId"], strings.Format("details.consentIdValue", facts.ConsentId, facts.ConsentVersion)),
            new(strings["details.status"], strings[$"statusName.{status}"]),
            new(strings["details.consentedAt"], facts.ConsentedAt is { } consentedAt ? dates.Moment(consentedAt) : notStated),
            new(strings["details.collectionMethod"], strings.Format("details.collectionMethodValue", facts.CustodianName)),
            new(strings["details.controller"], facts.CustodianName),
            new(strings["details.jurisdiction"], facts.CustodianCountry is { } country ? CountryNames.In(strings.Language, country) : notStated),
            new(strings["details.language"], strings["language.name"]),
            new(strings["details.issuedAt"], dates.Moment(facts.IssuedAt)),
        ]);
    }

    private static IEnumerable<ReceiptBlock> Grants(ReceiptFacts facts, ReceiptStrings strings, ReceiptDates dates)
    {
        if (facts.Grants.Count == 0)
        {
            yield return new ReceiptParagraph(strings["grants.none"]);
            yield break;
        }

        yield return new ReceiptParagraph(strings["grants.intro"]);
        foreach (var grant in facts.Grants)
        {
            yield return new ReceiptGrantSection(grant.RecipientOrganizationId, grant.Purpose,
            [
                new ReceiptHeading(3, grant.RecipientName),
                new ReceiptParagraph(strings.Format("grants.purpose", strings[$"purpose.{grant.Purpose}.name"], strings[$"purpose.{grant.Purpose}.meaning"])),
                new ReceiptParagraph(strings.Format("grants.period", dates.Period(grant.From, grant.Until))),
                new ReceiptClassTable(
                    strings.Format("grants.classesCaption", grant.RecipientName),
                    [strings["table.information"], strings["table.meaning"], strings["table.sensitive"]],
                    grant.DataClasses.Select(code => ClassRow(code, strings)).ToList()),
            ]);
        }
    }

    private static ReceiptClassRow ClassRow(string code, ReceiptStrings strings)
    {
        var sensitive = SensitiveClasses.Contains(code);
        return new ReceiptClassRow(code, ClassName(code, strings), strings[$"class.{code}.meaning"], sensitive, strings[sensitive ? "table.sensitiveYes" : "table.sensitiveNo"]);
    }

    private static string ClassName(string code, ReceiptStrings strings) => strings[$"class.{code}.name"];

    private static ReceiptList Sensitive(ReceiptFacts facts, ReceiptStrings strings) => new(
        HubVocabulary.DataClasses.Concepts.Select(concept => concept.Code).Where(SensitiveClasses.Contains).Select(code =>
        {
            var recipients = facts.Grants.Where(g => g.DataClasses.Contains(code)).Select(g => g.RecipientName).Distinct(StringComparer.Ordinal).ToList();
            var text = recipients.Count == 0
                ? strings.Format("sensitive.notShared", ClassName(code, strings))
                : strings.Format("sensitive.sharedWith", ClassName(code, strings), string.Join("; ", recipients));
            return new ReceiptListItem(text, code);
        }).ToList());

    private static IEnumerable<ReceiptBlock> Excluded(ReceiptFacts facts, ReceiptStrings strings)
    {
        if (facts.ExcludedClasses.Count == 0)
        {
            yield return new ReceiptParagraph(strings["excluded.none"]);
            yield break;
        }

        yield return new ReceiptParagraph(strings["excluded.text"]);
        yield return new ReceiptList(facts.ExcludedClasses.Select(code => new ReceiptListItem(ClassName(code, strings), code)).ToList());
    }

    private static IEnumerable<ReceiptBlock> Term(ReceiptFacts facts, ReceiptStrings strings, ReceiptDates dates)
    {
        if (!facts.IsActive)
        {
            yield return new ReceiptParagraph(strings["term.notInForce"]);
        }
        else if (facts.Grants.Count == 0 || facts.Grants.Any(grant => grant.Until is null))
        {
            yield return new ReceiptParagraph(strings["term.open"]);
        }
        else
        {
            yield return new ReceiptParagraph(strings.Format("term.until", dates.End(facts.Grants.Max(grant => grant.Until!.Value))));
            yield return new ReceiptParagraph(strings["term.withdrawAnyTime"]);
        }
    }
}
