using System.Globalization;
using ReferralHub.EndToEnd.Tests.Scenario;
using static ReferralHub.EndToEnd.Tests.Infrastructure.HubServerFixture;

namespace ReferralHub.EndToEnd.Tests.Properties;

/// <summary>
/// A <see cref="SurvivorCase"/> made concrete for one run: its FHIR resources, with a unique canary in every element
/// that can hold one, and the catalogue of those elements (<see cref="Elements"/>) saying what discloses each.
/// </summary>
public sealed class CaseInstance
{
    public const string NationalityUrl = "http://hl7.org/fhir/StructureDefinition/patient-nationality";
    private const string Xhtml = "http://www.w3.org/1999/xhtml";
    private const string ExtensionBase = "http://example.org/fhir/StructureDefinition/";

    private readonly List<CaseElement> elements = [];
    private readonly List<(string FullUrl, Resource Resource)> entries = [];

    private CaseInstance(SurvivorCase shape, string tag, DateTimeOffset now)
    {
        Shape = shape;
        Tag = tag;
        // Unique within a run of up to 30,000 cases, and before 1990: never a date the hub itself writes.
        BirthDate = new DateOnly(1900, 1, 1).AddDays((int)(Convert.ToInt64(tag[4..], 16) % 30_000)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
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

    public string PatientUrn { get; }

    public IReadOnlyList<string> ObservationUrns { get; }

    /// <summary>The referral identifier: a canary the recipient always sees once the referral is accepted.</summary>
    public string ReferralCanary => CanaryText.For(Tag, "SRIDENT");

    public IReadOnlyList<CaseElement> Elements => elements;

    public IEnumerable<string> Canaries => elements.Select(e => e.Canary).OfType<string>();

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

    private Patient BuildPatient()
    {
        const string R = "Patient";
        var shape = Shape.Patient;
        var displays = shape.Has(PatientPart.ReferenceDisplays);
        var patient = new Patient();
        if (shape.Has(PatientPart.Name))
        {
            var name = DataClass("name");
            patient.Name.Add(new HumanName
            {
                Use = HumanName.NameUse.Official,
                Family = Canary(R, "PFAMILY", name),
                Given = [Canary(R, "PGIVEN", name)],
                Text = Canary(R, "PNAMETEXT", name),
            });
        }

        if (shape.Has(PatientPart.BirthDate))
        {
            patient.BirthDate = BirthDate;
            Element(R, "birthDate", DataClass("birth-date"));
        }

        if (shape.Has(PatientPart.Gender))
        {
            patient.Gender = Gender;
            Element(R, "gender", DataClass("gender"));
        }

        if (shape.Has(PatientPart.Telecom))
        {
            patient.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Mobile, Canary(R, "PPHONE", DataClass("contact"))));
        }

        if (shape.Has(PatientPart.Address))
        {
            var contact = DataClass("contact");
            patient.Address.Add(new Address { Line = [Canary(R, "PLINE", contact)], City = Canary(R, "PCITY", contact), PostalCode = Canary(R, "PPOSTAL", contact), Country = "IT" });
        }

        if (shape.Has(PatientPart.Language))
        {
            var language = DataClass("language");
            patient.Communication.Add(new Patient.CommunicationComponent
            {
                Language = new CodeableConcept { Coding = [new Coding(Vocabulary.Bcp47, "bin", Canary(R, "PLANGDISPLAY", language))], Text = Canary(R, "PLANGTEXT", language) },
                Preferred = true,
            });
        }

        if (shape.Has(PatientPart.Nationality))
        {
            var nationality = DataClass("nationality");
            var extension = new Extension { Url = NationalityUrl };
            extension.Extension.Add(new Extension("code", new CodeableConcept { Coding = [new Coding("urn:iso:std:iso:3166", "NG", Canary(R, "PNATDISPLAY", nationality))], Text = Canary(R, "PNATTEXT", nationality) }));
            extension.Extension.Add(new Extension("period", new Period { Start = "2001-01-01" }));
            if (shape.Has(PatientPart.OtherExtension))
            {
                // A part the nationality extension does not define: never disclosed with it.
                extension.Extension.Add(new Extension("note", new FhirString(Canary(R, "PNATNOTE", Disclosure.Never))));
            }

            patient.Extension.Add(extension);
        }

        if (shape.Has(PatientPart.Identifier))
        {
            var documents = DataClass("identity-documents");
            patient.Identifier.Add(new Identifier("urn:example:passport", Canary(R, "PPASSPORT", documents))
            {
                Type = new CodeableConcept { Text = Canary(R, "PIDTYPE", documents) },
                Assigner = displays ? Reference($"Organization/{Shelter}", R, "PASSIGNERDISPLAY", true) : null,
            });
        }

        if (shape.Has(PatientPart.Family))
        {
            var family = DataClass("family");
            patient.Contact.Add(new Patient.ContactComponent
            {
                Relationship = [new CodeableConcept { Text = Canary(R, "PKINRELATION", family) }],
                Name = new HumanName { Family = Canary(R, "PKINNAME", family) },
                Telecom = [new ContactPoint(ContactPoint.ContactPointSystem.Phone, null, Canary(R, "PKINPHONE", family))],
                Address = new Address { City = Canary(R, "PKINCITY", family) },
                Gender = AdministrativeGender.Other,
                Organization = displays ? Reference($"Organization/{Shelter}", R, "PKINORGDISPLAY", true) : null,
            });
        }

        if (shape.Has(PatientPart.Narrative))
        {
            patient.Text = Narrative(R, "PNARRATIVE");
        }

        if (shape.Has(PatientPart.OtherExtension))
        {
            patient.Extension.Add(new Extension($"{ExtensionBase}codename", new FhirString(Canary(R, "PEXTENSION", Disclosure.Never))));
        }

        if (shape.Has(PatientPart.Contained))
        {
            patient.Contained.Add(new Organization { Id = "care-home", Name = Canary(R, "PCONTAINED", Disclosure.Never) });
        }

        if (shape.Has(PatientPart.MaritalStatus))
        {
            patient.MaritalStatus = new CodeableConcept { Text = Canary(R, "PMARITAL", Disclosure.Never) };
        }

        if (displays)
        {
            patient.ManagingOrganization = Reference($"Organization/{Shelter}", R, "PMANAGINGDISPLAY", true);
        }

        if (shape.Has(PatientPart.ElementExtension))
        {
            // An extension inside an element a class covers: the element is disclosed, its extension never.
            var extension = new Extension($"{ExtensionBase}pronunciation", new FhirString(Canary(R, "PELEMENTEXT", Disclosure.Never)));
            if (patient.Name.Count > 0)
            {
                patient.Name[0].Extension.Add(extension);
            }
            else
            {
                patient.ActiveElement = new FhirBoolean(true) { Extension = [extension] };
                Element(R, "active", Disclosure.Never);
            }
        }

        if (shape.Has(PatientPart.MetaTag))
        {
            patient.Meta = new Meta { Tag = [new Coding($"{ExtensionBase}tags", Canary(R, "PTAGCODE", Disclosure.Bookkeeping), Canary(R, "PTAGDISPLAY", Disclosure.Bookkeeping))] };
        }

        return patient;
    }

    private FhirConsent BuildConsent(int index, ConsentShape shape)
    {
        var consent = new FhirConsent
        {
            Status = shape.Status switch
            {
                ConsentStatus.Active => FhirConsent.ConsentState.Active,
                ConsentStatus.Inactive => FhirConsent.ConsentState.Inactive,
                ConsentStatus.Draft => FhirConsent.ConsentState.Draft,
                ConsentStatus.Proposed => FhirConsent.ConsentState.Proposed,
                ConsentStatus.Rejected => FhirConsent.ConsentState.Rejected,
                _ => FhirConsent.ConsentState.EnteredInError,
            },
            Scope = new CodeableConcept(Vocabulary.ConsentScope, "patient-privacy"),
            Category = [new CodeableConcept(Vocabulary.Loinc, "59284-0")],
            Patient = new ResourceReference(PatientUrn),
            DateTimeElement = shape.Recorded is { } recorded ? new FhirDateTime(recorded.FhirValue) : null,
            Organization = [new ResourceReference($"Organization/{Shelter}")],
            PolicyRule = new CodeableConcept(Vocabulary.ActCode, "OPTIN"),
            Text = Narrative($"Consent#{index}", $"C{index}NARRATIVE"),
            Provision = Provision(shape.Root),
        };
        if (shape.NotUnderstood)
        {
            consent.ModifierExtension.Add(new Extension($"{ExtensionBase}consent-condition", new FhirString(Canary($"Consent#{index}", $"C{index}CONDITION", Disclosure.Never))));
        }

        return consent;
    }

    private FhirConsent.provisionComponent Provision(RuleShape rule)
    {
        var provision = new FhirConsent.provisionComponent
        {
            Type = rule.Kind switch
            {
                RuleKind.Permit => FhirConsent.ConsentProvisionType.Permit,
                RuleKind.Deny => FhirConsent.ConsentProvisionType.Deny,
                _ => null,
            },
            Actor = [.. rule.Actors.Select(actor => new FhirConsent.provisionActorComponent
            {
                Role = new CodeableConcept(Vocabulary.ParticipationType, actor.InformationRecipient ? "IRCP" : "PRCP"),
                Reference = new ResourceReference($"Organization/{actor.Organization}"),
            })],
            Purpose = [.. rule.Purposes.Select(code => new Coding(code.HubSystem ? Vocabulary.Purpose : CodeShape.ForeignSystem, code.Code))],
            Class = [.. rule.Classes.Select(code => new Coding(code.HubSystem ? Vocabulary.DataClass : CodeShape.ForeignSystem, code.Code))],
            Period = Period(rule.Period),
            Provision = [.. rule.Exceptions.Select(Provision)],
        };
        switch (rule.Restriction)
        {
            case RuleRestriction.DiscloseAction:
                provision.Action.Add(new CodeableConcept("http://terminology.hl7.org/CodeSystem/consentaction", "disclose"));
                break;
            case RuleRestriction.AccessActionOnly:
                provision.Action.Add(new CodeableConcept("http://terminology.hl7.org/CodeSystem/consentaction", "access"));
                break;
            case RuleRestriction.SecurityLabel:
                provision.SecurityLabel.Add(new Coding("http://terminology.hl7.org/CodeSystem/v3-Confidentiality", "R"));
                break;
        }

        return provision;
    }

    /// <summary>Day-precision bounds at least 30 days from now, so a run that crosses midnight changes nothing.</summary>
    private Period? Period(PeriodKind kind)
    {
        string Day(int days) => Now.UtcDateTime.Date.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return kind switch
        {
            PeriodKind.Past => new Period { Start = Day(-400), End = Day(-30) },
            PeriodKind.Current => new Period { Start = Day(-30), End = Day(30) },
            PeriodKind.Future => new Period { Start = Day(30), End = Day(400) },
            PeriodKind.OpenStart => new Period { End = Day(30) },
            PeriodKind.OpenEnd => new Period { Start = Day(-30) },
            PeriodKind.EndBeforeStart => new Period { Start = Day(30), End = Day(-30) },
            _ => null,
        };
    }

    private Observation BuildObservation(int index, ObservationShape shape)
    {
        var r = $"Observation#{index}";
        var whole = Disclosure.WithObservation(index);
        var extras = shape.Extras;
        var observation = new Observation
        {
            Status = ObservationStatus.Final,
            Category = [.. shape.Categories.Select(code => new CodeableConcept(code.HubSystem ? Vocabulary.DataClass : CodeShape.ForeignSystem, code.Code))],
            Code = new CodeableConcept { Text = Canary(r, $"O{index}CODE", whole) },
            Subject = new ResourceReference(PatientUrn),
            Value = new FhirString(Canary(r, $"O{index}VALUE", whole)),
            Note = [new Annotation
            {
                Text = Canary(r, $"O{index}NOTE", whole),
                Author = extras.Contains(ObservationExtra.NoteAuthorName) ? new FhirString(Canary(r, $"O{index}NOTEAUTHOR", Disclosure.Never)) : null,
            }],
        };
        Element(r, "status", whole);
        Element(r, "subject", whole);
        if (extras.Contains(ObservationExtra.Narrative))
        {
            observation.Text = Narrative(r, $"O{index}NARRATIVE");
        }

        if (extras.Contains(ObservationExtra.Identifier))
        {
            observation.Identifier.Add(new Identifier("urn:example:assessment", Canary(r, $"O{index}IDENT", Disclosure.Never)));
        }

        if (extras.Contains(ObservationExtra.PerformerDisplay))
        {
            observation.Performer.Add(Reference($"Organization/{Shelter}", r, $"O{index}PERFORMER", true));
        }

        if (extras.Contains(ObservationExtra.Extension))
        {
            observation.Extension.Add(new Extension($"{ExtensionBase}assessor-remark", new FhirString(Canary(r, $"O{index}EXTENSION", Disclosure.Never))));
        }

        if (extras.Contains(ObservationExtra.BodySite))
        {
            observation.BodySite = new CodeableConcept { Text = Canary(r, $"O{index}BODYSITE", Disclosure.Never) };
        }

        return observation;
    }

    private ServiceRequest BuildServiceRequest()
    {
        const string R = "ServiceRequest";
        var shape = Shape.Request;
        var displays = shape.Extras.Contains(RequestExtra.ReferenceDisplays);
        var request = new ServiceRequest
        {
            Identifier = [new Identifier(Vocabulary.ReferralIdentifierSystem, Canary(R, "SRIDENT", Disclosure.Referral))],
            Status = RequestStatus.Active,
            Intent = RequestIntent.Order,
            Category = [new CodeableConcept(Vocabulary.Service, Shape.Service)],
            Code = new CodeableConcept { Text = Canary(R, "SRCODE", Disclosure.Referral) },
            Subject = Reference(PatientUrn, R, "SRSUBJECTDISPLAY", displays),
            Requester = Reference($"Organization/{Shelter}", R, "SRREQUESTERDISPLAY", displays),
            Performer = [Reference($"Organization/{Shape.Recipient}", R, "SRPERFORMERDISPLAY", displays)],
            AuthoredOnElement = new FhirDateTime(Now),
        };
        Element(R, "status", Disclosure.Referral);
        for (var index = 0; index < Shape.Observations.Count; index++)
        {
            if (Shape.Observations[index].Supporting)
            {
                request.SupportingInfo.Add(Reference(ObservationUrns[index], R, $"SRSUPPORT{index}DISPLAY", displays));
                Element(R, $"supportingInfo[Observation #{index}]", Disclosure.WithObservation(index));
            }
        }

        if (shape.Needs)
        {
            var needs = DataClass("needs");
            request.ReasonCode.Add(new CodeableConcept { Coding = [new Coding("http://snomed.info/sct", "73595000", Canary(R, "SRNEEDDISPLAY", needs))], Text = Canary(R, "SRNEEDTEXT", needs) });
        }

        if (shape.ReasonReference is { } reason)
        {
            request.ReasonReference.Add(Reference(ObservationUrns[reason], R, "SRREASONDISPLAY", displays));
        }

        if (shape.CaseNotes)
        {
            request.Note.Add(new Annotation
            {
                Text = Canary(R, "SRNOTE", DataClass("case-notes")),
                Author = shape.Extras.Contains(RequestExtra.NoteAuthorName) ? new FhirString(Canary(R, "SRNOTEAUTHOR", Disclosure.Never)) : null,
            });
        }

        if (shape.Extras.Contains(RequestExtra.Narrative))
        {
            request.Text = Narrative(R, "SRNARRATIVE");
        }

        if (shape.Extras.Contains(RequestExtra.PatientInstruction))
        {
            request.PatientInstruction = Canary(R, "SRINSTRUCTION", Disclosure.Never);
        }

        if (shape.Extras.Contains(RequestExtra.OrderDetail))
        {
            request.OrderDetail.Add(new CodeableConcept { Text = Canary(R, "SRORDERDETAIL", Disclosure.Never) });
        }

        if (shape.Extras.Contains(RequestExtra.Extension))
        {
            request.Extension.Add(new Extension($"{ExtensionBase}referral-urgency-remark", new FhirString(Canary(R, "SREXTENSION", Disclosure.Never))));
        }

        return request;
    }

    private static Disclosure DataClass(string code) => Disclosure.ByClass(code);

    private static string Urn() => $"urn:uuid:{Guid.NewGuid()}";
}
