using System.Text;

namespace ReferralHub.EndToEnd.Tests.Properties;

/// <summary>
/// One generated referral: a survivor, her consents, her supporting Observations and the ServiceRequest that refers
/// her to <see cref="Recipient"/>. Pure structure: the unique canary values are attached when the case runs
/// (<see cref="CaseInstance"/>), so that a shrunk case prints as what it is.
/// </summary>
public sealed record SurvivorCase(
    string Recipient,
    string Service,
    IReadOnlyList<ConsentShape> Consents,
    PatientShape Patient,
    IReadOnlyList<ObservationShape> Observations,
    RequestShape Request)
{
    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine($"referral of a survivor to {Recipient} for {Service}");
        for (var index = 0; index < Consents.Count; index++)
        {
            text.Append($"  Consent #{index}: ").AppendLine(Consents[index].ToString());
        }

        text.AppendLine($"  Patient: {Patient}");
        for (var index = 0; index < Observations.Count; index++)
        {
            text.AppendLine($"  Observation #{index}: {Observations[index]}");
        }

        text.Append($"  ServiceRequest: {Request}");
        return text.ToString();
    }
}

public enum ConsentStatus
{
    Active,
    Inactive,
    Draft,
    Proposed,
    Rejected,
    EnteredInError,
}

/// <summary>
/// <c>Consent.dateTime</c> as an instant (minutes after a fixed moment) written with a UTC offset: two consents can be
/// recorded at the same instant though their texts differ.
/// </summary>
public sealed record RecordedAt(int MinutesAfterBase, int OffsetHours)
{
    public static readonly DateTimeOffset Base = new(2026, 1, 10, 12, 0, 0, TimeSpan.Zero);

    public DateTimeOffset Instant => Base.AddMinutes(MinutesAfterBase);

    public string FhirValue => Instant.ToOffset(TimeSpan.FromHours(OffsetHours)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);

    public override string ToString() => FhirValue;
}

/// <param name="NotUnderstood">Carries a <c>modifierExtension</c>: a consent the hub does not understand permits nothing.</param>
public sealed record ConsentShape(ConsentStatus Status, RecordedAt? Recorded, bool NotUnderstood, RuleShape Root)
{
    public override string ToString() =>
        $"{Status}{(Recorded is null ? " no dateTime" : $" dateTime {Recorded}")}{(NotUnderstood ? " with a modifierExtension" : "")}: {Root}";
}

public enum RuleKind
{
    Permit,
    Deny,

    /// <summary>No <c>type</c>: read as a deny.</summary>
    Untyped,
}

/// <summary>Where the rule's <c>period</c> lies relative to the moment of the referral.</summary>
public enum PeriodKind
{
    None,
    Past,
    Current,
    Future,
    OpenStart,
    OpenEnd,

    /// <summary>End before start: contains nothing for a permit, everything for a deny.</summary>
    EndBeforeStart,
}

/// <summary>Criteria the hub does not evaluate, which stop a permit from applying (an action list must include disclose).</summary>
public enum RuleRestriction
{
    None,
    DiscloseAction,
    AccessActionOnly,
    SecurityLabel,
    Code,
    DataPeriod,
}

/// <param name="Organization">The organisation id the actor references.</param>
/// <param name="InformationRecipient">Role IRCP; otherwise PRCP, which does not make a recipient.</param>
public sealed record ActorShape(string Organization, bool InformationRecipient)
{
    public override string ToString() => $"{Organization}{(InformationRecipient ? "" : " as PRCP")}";
}

/// <summary>A purpose or class coding: of the hub's CodeSystem, or of a foreign one.</summary>
public sealed record CodeShape(bool HubSystem, string Code)
{
    public const string ForeignSystem = "http://example.org/fhir/CodeSystem/local-codes";

    public override string ToString() => HubSystem ? Code : $"{ForeignSystem}#{Code}";
}

public sealed record RuleShape(
    RuleKind Kind,
    IReadOnlyList<ActorShape> Actors,
    IReadOnlyList<CodeShape> Purposes,
    IReadOnlyList<CodeShape> Classes,
    PeriodKind Period,
    RuleRestriction Restriction,
    IReadOnlyList<RuleShape> Exceptions)
{
    public override string ToString()
    {
        var parts = new List<string> { Kind.ToString().ToLowerInvariant() };
        if (Actors.Count > 0)
        {
            parts.Add($"actor [{string.Join(", ", Actors)}]");
        }

        if (Purposes.Count > 0)
        {
            parts.Add($"purpose [{string.Join(", ", Purposes)}]");
        }

        if (Classes.Count > 0)
        {
            parts.Add($"class [{string.Join(", ", Classes)}]");
        }

        if (Period != PeriodKind.None)
        {
            parts.Add($"period {Period}");
        }

        if (Restriction != RuleRestriction.None)
        {
            parts.Add(Restriction.ToString());
        }

        var own = string.Join(" ", parts);
        return Exceptions.Count == 0 ? own : $"{own} {{ {string.Join("; ", Exceptions)} }}";
    }
}

/// <summary>Which elements the Patient has; each is filled with canaries when the case runs.</summary>
public sealed record PatientShape(IReadOnlySet<PatientPart> Parts)
{
    /// <summary>A Patient with no element at all is not valid FHIR: one with none of these parts keeps a meta tag.</summary>
    public static PatientShape Of(IEnumerable<PatientPart> parts)
    {
        var set = parts.ToHashSet();
        return new PatientShape(set.Count == 0 ? new HashSet<PatientPart> { PatientPart.MetaTag } : set);
    }

    public bool Has(PatientPart part) => Parts.Contains(part);

    public override string ToString() => Parts.Count == 0 ? "(no elements)" : string.Join(", ", Parts.Order());
}

public enum PatientPart
{
    Name,
    BirthDate,
    Gender,
    Telecom,
    Address,
    Language,
    Nationality,
    Identifier,
    Family,

    // Elements no data class discloses.
    Narrative,
    OtherExtension,
    Contained,
    MaritalStatus,
    ReferenceDisplays,
    ElementExtension,
    MetaTag,
}

/// <param name="Categories">Category codings: codes of the data-class CodeSystem, or foreign ones.</param>
/// <param name="Supporting">Listed in <c>ServiceRequest.supportingInfo</c>; an Observation that is not is never disclosed.</param>
/// <param name="Extras">Elements the Observation view never carries.</param>
public sealed record ObservationShape(IReadOnlyList<CodeShape> Categories, bool Supporting, IReadOnlySet<ObservationExtra> Extras)
{
    public override string ToString() =>
        $"category [{string.Join(", ", Categories)}]{(Supporting ? " in supportingInfo" : " not in supportingInfo")}"
        + (Extras.Count == 0 ? "" : $", with {string.Join(", ", Extras.Order())}");
}

public enum ObservationExtra
{
    Narrative,
    Identifier,
    PerformerDisplay,
    NoteAuthorName,
    Extension,
    BodySite,
}

/// <param name="ReasonReference">Index of the Observation that <c>reasonReference</c> names, or null.</param>
public sealed record RequestShape(bool Needs, bool CaseNotes, int? ReasonReference, IReadOnlySet<RequestExtra> Extras)
{
    public override string ToString() =>
        $"{(Needs ? "reasonCode" : "no reasonCode")}, {(CaseNotes ? "note" : "no note")}"
        + (ReasonReference is { } target ? $", reasonReference to Observation #{target}" : "")
        + (Extras.Count == 0 ? "" : $", with {string.Join(", ", Extras.Order())}");
}

public enum RequestExtra
{
    Narrative,
    PatientInstruction,
    OrderDetail,
    ReferenceDisplays,
    NoteAuthorName,
    Extension,
}
