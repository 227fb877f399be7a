using ReferralHub.EndToEnd.Tests.Scenario;
using static ReferralHub.EndToEnd.Tests.Infrastructure.HubServerFixture;

namespace ReferralHub.EndToEnd.Tests.Properties;

/// <summary>The survivor's Patient, with a canary in every element a data class covers and in those none covers.</summary>
public sealed partial class CaseInstance
{
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
}
