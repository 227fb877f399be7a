namespace ReferralHub.EndToEnd.Tests.Scenario;

/// <summary>
/// Unique marker strings put in every free-text element of a referral, so that a leak (to an organisation, or into a
/// log) can be found by plain text search.
/// </summary>
public sealed class Canaries(string tag)
{
    public string Tag { get; } = tag;

    public string Family => $"CANARY-FAMILY-{Tag}";

    public string Given => $"CANARY-GIVEN-{Tag}";

    public string Phone => $"CANARY-PHONE-{Tag}";

    public string AddressLine => $"CANARY-ADDRESS-{Tag}";

    public string City => $"CANARY-CITY-{Tag}";

    public string CaseNote => $"CANARY-CASENOTE-{Tag}";

    public string Education => $"CANARY-EDUCATION-{Tag}";

    public string Health => $"CANARY-HEALTH-{Tag}";

    /// <summary>The full date of birth; only its year (<see cref="BirthYear"/>) may reach the recipient.</summary>
    public string BirthDate => "1990-05-17";

    public string BirthYear => "1990";

    /// <summary>What the scenario's consent lets ngo-ng-edo see.</summary>
    public IReadOnlyList<string> ConsentedToRecipient => [Family, Given, Education];

    /// <summary>What the recipient must never see.</summary>
    public IReadOnlyList<string> WithheldFromRecipient => [Phone, AddressLine, City, CaseNote, Health, BirthDate];

    /// <summary>Every canary: none may reach an organisation that was not named, nor any log.</summary>
    public IReadOnlyList<string> All => [.. ConsentedToRecipient, .. WithheldFromRecipient];

    /// <summary>Every unique canary (all but the date, which is not unique to this referral).</summary>
    public IReadOnlyList<string> Unique => [Family, Given, Phone, AddressLine, City, CaseNote, Education, Health];
}

/// <summary>
/// Builds the referral transaction Bundle of issue 2, step 1: a Patient, a Consent (deny by default, one nested permit
/// for the consented recipient), two Observations (education, health) and a ServiceRequest, linked by urn:uuid.
/// </summary>
public sealed class ReferralBuilder
{
    public ReferralBuilder()
    {
        Tag = Guid.NewGuid().ToString("N")[..8];
        Canaries = new Canaries(Tag);
        ReferralIdentifier = $"REF-{Tag}";
    }

    public string Tag { get; }

    public Canaries Canaries { get; }

    public string ReferralIdentifier { get; }

    /// <summary>The organisation the ServiceRequest names as performer; null: the hub chooses from its directory.</summary>
    public string? Performer { get; init; } = Infrastructure.HubServerFixture.NgoEdo;

    /// <summary>For a referral without performer: the ISO 3166-1 country, and optionally ISO 3166-2 region, it asks for.</summary>
    public (string Country, string? Region)? Place { get; init; }

    /// <summary>The survivor's preferred language (BCP 47).</summary>
    public string Language { get; init; } = "en";

    /// <summary>The organisation the consent's permit names as actor.</summary>
    public string ConsentRecipient { get; init; } = Infrastructure.HubServerFixture.NgoEdo;

    /// <summary>A reintegration-service code the performer offers (DESIGN §4).</summary>
    public string ServiceCode { get; init; } = "vocational-training";

    /// <summary>The organisations the consent permits (one permit each); by default only <see cref="ConsentRecipient"/>.</summary>
    public IReadOnlyList<string>? ConsentRecipients { get; init; }

    /// <summary>The data classes each permit names.</summary>
    public IReadOnlyList<string> ConsentedClasses { get; init; } = Vocabulary.ConsentedClasses;

    /// <summary>The purposes each permit names.</summary>
    public IReadOnlyList<string> ConsentedPurposes { get; init; } = ["reintegration-assistance"];

    /// <summary>The end of the consent's own period (the base rule's); none by default.</summary>
    public DateTimeOffset? ConsentEnd { get; init; }

    public string Custodian { get; init; } = Infrastructure.HubServerFixture.Shelter;

    public string PatientUrn { get; } = Urn();

    public string ConsentUrn { get; } = Urn();

    public string EducationUrn { get; } = Urn();

    public string HealthUrn { get; } = Urn();

    public string ServiceRequestUrn { get; } = Urn();

    /// <summary>The entries' resource types, in the order of the Bundle.</summary>
    public static readonly string[] EntryTypes = ["Patient", "Consent", "Observation", "Observation", "ServiceRequest"];

    public const int PatientEntry = 0;
    public const int ConsentEntry = 1;
    public const int EducationEntry = 2;
    public const int HealthEntry = 3;
    public const int ServiceRequestEntry = 4;

    public Bundle Build()
    {
        var bundle = new Bundle { Type = Bundle.BundleType.Transaction };
        Add(bundle, PatientUrn, BuildPatient());
        Add(bundle, ConsentUrn, BuildConsent());
        Add(bundle, EducationUrn, BuildObservation("education", "Education history", Canaries.Education));
        Add(bundle, HealthUrn, BuildObservation("health", "Health information", Canaries.Health));
        Add(bundle, ServiceRequestUrn, BuildServiceRequest());
        return bundle;
    }

    private Patient BuildPatient() => new()
    {
        Name = [new HumanName { Family = Canaries.Family, Given = [Canaries.Given] }],
        Gender = AdministrativeGender.Female,
        BirthDate = Canaries.BirthDate,
        Telecom = [new ContactPoint(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Mobile, Canaries.Phone)],
        Address = [new Address { Line = [Canaries.AddressLine], City = Canaries.City, Country = "IT" }],
        Communication =
        [
            new Patient.CommunicationComponent
            {
                Language = new CodeableConcept(Vocabulary.Bcp47, Language),
                Preferred = true,
            },
        ],
    };

    /// <summary>The consent of the referral, ready for a PUT once it has the id and version the hub gave it.</summary>
    public FhirConsent BuildConsent() => new()
    {
        Status = FhirConsent.ConsentState.Active,
        Scope = new CodeableConcept(Vocabulary.ConsentScope, "patient-privacy"),
        Category = [new CodeableConcept(Vocabulary.Loinc, "59284-0")],
        Patient = new ResourceReference(PatientUrn),
        DateTimeElement = new FhirDateTime(DateTimeOffset.UtcNow),
        Organization = [new ResourceReference($"Organization/{Custodian}")],
        PolicyRule = new CodeableConcept(Vocabulary.ActCode, "OPTIN"),
        Provision = new FhirConsent.provisionComponent
        {
            Type = FhirConsent.ConsentProvisionType.Deny,
            Period = ConsentEnd is { } end ? new Period { End = end.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture) } : null,
            Provision = [.. (ConsentRecipients ?? [ConsentRecipient]).Select(Permit)],
        },
    };

    private FhirConsent.provisionComponent Permit(string recipient) => new()
    {
        Type = FhirConsent.ConsentProvisionType.Permit,
        Actor =
        [
            new FhirConsent.provisionActorComponent
            {
                Role = new CodeableConcept(Vocabulary.ParticipationType, "IRCP"),
                Reference = new ResourceReference($"Organization/{recipient}"),
            },
        ],
        Purpose = [.. ConsentedPurposes.Select(code => new Coding(Vocabulary.Purpose, code))],
        Class = [.. ConsentedClasses.Select(code => new Coding(Vocabulary.DataClass, code))],
    };

    private Observation BuildObservation(string dataClass, string codeText, string value) => new()
    {
        Status = ObservationStatus.Final,
        Category = [new CodeableConcept(Vocabulary.DataClass, dataClass)],
        Code = new CodeableConcept { Text = codeText },
        Subject = new ResourceReference(PatientUrn),
        Value = new FhirString(value),
    };

    private ServiceRequest BuildServiceRequest() => new()
    {
        Identifier = [new Identifier(Vocabulary.ReferralIdentifierSystem, ReferralIdentifier)],
        Status = RequestStatus.Active,
        Intent = RequestIntent.Order,
        Category = [new CodeableConcept(Vocabulary.Service, ServiceCode)],
        Subject = new ResourceReference(PatientUrn),
        Requester = new ResourceReference($"Organization/{Custodian}"),
        Performer = Performer is null ? [] : [new ResourceReference($"Organization/{Performer}")],
        LocationCode = Place is { } place
            ? [new CodeableConcept("urn:iso:std:iso:3166", place.Country), .. place.Region is { } region ? [new CodeableConcept("urn:iso:std:iso:3166:-2", region)] : Array.Empty<CodeableConcept>()]
            : [],
        Note = [new Annotation { Text = Canaries.CaseNote }],
        SupportingInfo = [new ResourceReference(EducationUrn), new ResourceReference(HealthUrn)],
        AuthoredOnElement = new FhirDateTime(DateTimeOffset.UtcNow),
    };

    private static void Add(Bundle bundle, string fullUrl, Resource resource) =>
        bundle.Entry.Add(new Bundle.EntryComponent
        {
            FullUrl = fullUrl,
            Resource = resource,
            Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = resource.TypeName },
        });

    private static string Urn() => $"urn:uuid:{Guid.NewGuid()}";
}
