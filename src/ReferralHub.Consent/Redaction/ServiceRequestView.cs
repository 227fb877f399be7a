using Hl7.Fhir.Model;
using ReferralHub.Contracts.Vocabulary;
using static ReferralHub.Consent.Redaction.DataTypeCopy;

namespace ReferralHub.Consent.Redaction;

/// <summary>
/// The ServiceRequest a recipient may see: the referral's own elements, plus its reasons under <c>needs</c> and its
/// notes under <c>case-notes</c>. References keep only their target; the caller drops those to what is not disclosed.
/// </summary>
internal static class ServiceRequestView
{
    public static ResourceView Build(ServiceRequest source, IReadOnlySet<string> permitted)
    {
        var view = new ServiceRequest
        {
            Id = source.Id,
            // The SDK marks required elements non-nullable; a source may still lack them, and then so does the copy.
            StatusElement = Value(source.StatusElement)!,
            IntentElement = Value(source.IntentElement)!,
            Code = CodeableConcept(source.Code),
            AuthoredOnElement = Value(source.AuthoredOnElement),
            Occurrence = Choice(source.Occurrence),
            PriorityElement = Value(source.PriorityElement),
            Requester = Reference(source.Requester),
            Subject = Reference(source.Subject)!,
        };
        AddAll(source.Identifier, view.Identifier, Identifier);
        AddAll(source.Category, view.Category, CodeableConcept);
        AddAll(source.Performer, view.Performer, Reference);
        AddAll(source.SupportingInfo, view.SupportingInfo, Reference);
        if (permitted.Contains(DataClass.Needs))
        {
            AddAll(source.ReasonCode, view.ReasonCode, CodeableConcept);
            AddAll(source.ReasonReference, view.ReasonReference, Reference);
        }

        if (permitted.Contains(DataClass.CaseNotes))
        {
            AddAll(source.Note, view.Note, Annotation);
        }

        return ResourceView.Of(view, ClassesIn(view));
    }

    private static IEnumerable<string> ClassesIn(ServiceRequest view)
    {
        yield return DataClass.Referral;
        if (view.ReasonCode.Count > 0 || view.ReasonReference.Count > 0)
        {
            yield return DataClass.Needs;
        }

        if (view.Note.Count > 0)
        {
            yield return DataClass.CaseNotes;
        }
    }
}
