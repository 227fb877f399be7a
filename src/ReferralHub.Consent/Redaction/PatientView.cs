using Hl7.Fhir.Model;
using ReferralHub.Contracts.Vocabulary;
using static ReferralHub.Consent.Redaction.DataTypeCopy;

namespace ReferralHub.Consent.Redaction;

/// <summary>
/// The Patient a recipient may see: its id (which the caller turns into the recipient's pseudonym) and, per permitted
/// class, name, birthDate (or its year), gender, telecom and address, communication, nationality, identifier, contact.
/// </summary>
internal static class PatientView
{
    public const string NationalityExtension = "http://hl7.org/fhir/StructureDefinition/patient-nationality";

    public static ResourceView Build(Patient source, IReadOnlySet<string> permitted)
    {
        var view = new Patient { Id = source.Id };
        if (permitted.Contains(DataClass.Name))
        {
            AddAll(source.Name, view.Name, HumanName);
        }

        view.BirthDateElement = permitted.Contains(DataClass.BirthDate) ? Value(source.BirthDateElement)
            : permitted.Contains(DataClass.BirthYear) ? YearOf(source.BirthDateElement)
            : null;
        if (permitted.Contains(DataClass.Gender))
        {
            view.GenderElement = Value(source.GenderElement);
        }

        if (permitted.Contains(DataClass.Contact))
        {
            AddAll(source.Telecom, view.Telecom, ContactPoint);
            AddAll(source.Address, view.Address, Address);
        }

        if (permitted.Contains(DataClass.Language))
        {
            AddAll(source.Communication, view.Communication, Communication);
        }

        if (permitted.Contains(DataClass.Nationality))
        {
            AddAll(source.Extension.Where(e => e?.Url == NationalityExtension), view.Extension, Nationality);
        }

        if (permitted.Contains(DataClass.IdentityDocuments))
        {
            AddAll(source.Identifier, view.Identifier, Identifier);
        }

        if (permitted.Contains(DataClass.Family))
        {
            AddAll(source.Contact, view.Contact, Contact);
        }

        return ResourceView.Of(view, ClassesIn(view, permitted));
    }

    private static IEnumerable<string> ClassesIn(Patient view, IReadOnlySet<string> permitted)
    {
        yield return DataClass.Referral;
        if (view.Name.Count > 0)
        {
            yield return DataClass.Name;
        }

        if (view.BirthDateElement is not null)
        {
            yield return permitted.Contains(DataClass.BirthDate) ? DataClass.BirthDate : DataClass.BirthYear;
        }

        if (view.GenderElement is not null)
        {
            yield return DataClass.Gender;
        }

        if (view.Telecom.Count > 0 || view.Address.Count > 0)
        {
            yield return DataClass.Contact;
        }

        if (view.Communication.Count > 0)
        {
            yield return DataClass.Language;
        }

        if (view.Extension.Count > 0)
        {
            yield return DataClass.Nationality;
        }

        if (view.Identifier.Count > 0)
        {
            yield return DataClass.IdentityDocuments;
        }

        if (view.Contact.Count > 0)
        {
            yield return DataClass.Family;
        }
    }

    /// <summary>Only the year; a value that is not a valid FHIR date gives nothing rather than a guess.</summary>
    private static Date? YearOf(Date? birthDate) =>
        birthDate?.Value is { Length: >= 4 } value && Date.IsValidValue(value) ? new Date(value[..4]) : null;

    private static Patient.CommunicationComponent? Communication(Patient.CommunicationComponent source) =>
        CodeableConcept(source.Language) is { } language
            ? new Patient.CommunicationComponent { Language = language, PreferredElement = Value(source.PreferredElement) }
            : null;

    /// <summary>The extension's own parts only: <c>code</c> and <c>period</c>.</summary>
    private static Extension? Nationality(Extension source)
    {
        var parts = new List<Extension>();
        foreach (var part in source.Extension.OfType<Extension>())
        {
            if (part.Url == "code" && CodeableConcept(part.Value as CodeableConcept) is { } code)
            {
                parts.Add(new Extension("code", code));
            }

            if (part.Url == "period" && Period(part.Value as Period) is { } period)
            {
                parts.Add(new Extension("period", period));
            }
        }

        return parts.Count == 0 ? null : new Extension { Url = NationalityExtension, Extension = parts };
    }

    private static Patient.ContactComponent? Contact(Patient.ContactComponent source)
    {
        var copy = new Patient.ContactComponent
        {
            Name = HumanName(source.Name),
            Address = Address(source.Address),
            GenderElement = Value(source.GenderElement),
            Organization = Reference(source.Organization),
            Period = Period(source.Period),
        };
        AddAll(source.Relationship, copy.Relationship, CodeableConcept);
        AddAll(source.Telecom, copy.Telecom, ContactPoint);
        return NonEmpty(copy);
    }
}
