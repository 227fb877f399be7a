using System.Globalization;

namespace ReferralHub.EndToEnd.Tests.Properties;

/// <summary>
/// A <see cref="SurvivorCase"/> made concrete for one run: its FHIR resources, with a unique canary in every element
/// that can hold one, and the catalogue of those elements (<see cref="Elements"/>) saying what discloses each.
/// </summary>
public sealed partial class CaseInstance
{
    private const string NationalityUrl = "http://hl7.org/fhir/StructureDefinition/patient-nationality";
    private const string Xhtml = "http://www.w3.org/1999/xhtml";
    private const string ExtensionBase = "http://example.org/fhir/StructureDefinition/";

    /// <summary>
    /// Birth dates run from 1901-01-01 for 20,000 days (to 1955): unique within a run of that many cases, and clear of
    /// dates software writes for its own reasons (1900-01-01, 1970-01-01, today's), so one in a log line is a leak.
    /// </summary>
    public static readonly DateOnly FirstBirthDate = new(1901, 1, 1);

    public const int BirthDates = 20_000;

    private readonly List<CaseElement> elements = [];
    private readonly List<(string FullUrl, Resource Resource)> entries = [];

    private CaseInstance(SurvivorCase shape, string tag, DateTimeOffset now)
    {
        Shape = shape;
        Tag = tag;
        BirthDate = FirstBirthDate.AddDays((int)(Convert.ToInt64(tag[4..], 16) % BirthDates)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Now = now;
        PatientUrn = Urn();
        ObservationUrns = shape.Observations.Select(_ => Urn()).ToList();
        entries.Add((PatientUrn, BuildPatient()));
        for (var index = 0; index < shape.Consents.Count; index++)
        {
            entries.Add((Urn(), BuildConsent(index, shape.Consents[index])));
        }

        for (var index = 0; index < shape.Observations.Count; index++)
        {
            entries.Add((ObservationUrns[index], BuildObservation(index, shape.Observations[index])));
        }

        entries.Add((Urn(), BuildServiceRequest()));
    }

    public SurvivorCase Shape { get; }

    public string Tag { get; }

    /// <summary>The full date of birth: only the year may reach a recipient granted birth-year alone.</summary>
    public string BirthDate { get; }

    public string BirthYear => BirthDate[..4];

    public AdministrativeGender Gender => (AdministrativeGender)(Convert.ToInt32(Tag[^1..], 16) % 3);

    /// <summary>The moment the case was built; consent periods are placed around it, days away.</summary>
    public DateTimeOffset Now { get; }

    private string PatientUrn { get; }

    private IReadOnlyList<string> ObservationUrns { get; }

    /// <summary>The referral identifier: a canary the recipient always sees once the referral is accepted.</summary>
    public string ReferralCanary => CanaryText.For(Tag, "SRIDENT");

    public IReadOnlyList<CaseElement> Elements => elements;

    /// <summary>Patient, Consents, Observations, ServiceRequest, in this order; the transaction-response follows it.</summary>
    public IReadOnlyList<(string FullUrl, Resource Resource)> Entries => entries;

    public static CaseInstance Create(SurvivorCase shape, string tag, DateTimeOffset now) => new(shape, tag, now);

    public IEnumerable<Bundle.EntryComponent> BundleEntries() => entries.Select(entry => new Bundle.EntryComponent
    {
        FullUrl = entry.FullUrl,
        Resource = entry.Resource,
        Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = entry.Resource.TypeName },
    });

    public override string ToString() => $"case {Tag}: {Shape}";

    private string Canary(string resource, string name, Disclosure disclosure)
    {
        var canary = CanaryText.For(Tag, name);
        elements.Add(new CaseElement(resource, name, disclosure, canary));
        return canary;
    }

    private void Element(string resource, string name, Disclosure disclosure) => elements.Add(new CaseElement(resource, name, disclosure, null));

    private Narrative Narrative(string resource, string name) =>
        new() { Status = Hl7.Fhir.Model.Narrative.NarrativeStatus.Generated, Div = $"<div xmlns=\"{Xhtml}\">{Canary(resource, name, Disclosure.Never)}</div>" };

    private ResourceReference Reference(string target, string resource, string displayName, bool withDisplay) => new(target)
    {
        Display = withDisplay ? Canary(resource, displayName, Disclosure.Never) : null,
    };

    private static Disclosure DataClass(string code) => Disclosure.ByClass(code);

    private static string Urn() => $"urn:uuid:{Guid.NewGuid()}";
}
