using Hl7.Fhir.Model;
using ReferralHub.Contracts.Vocabulary;

namespace ReferralHub.Consent.Redaction;

/// <summary>
/// Builds the view of a resource that a recipient may see under the permitted data classes (DESIGN §7). An allow-list:
/// the view is built from nothing, copying only the elements each permitted class names, value by value; everything
/// else is dropped, including the narrative, contained resources, extensions other than the ones a class names,
/// modifier extensions, the source's <c>meta</c>, and every reference's display and identifier.
/// </summary>
/// <remarks>
/// <para>Nothing is disclosed unless <c>referral</c> is permitted. Every view keeps the source's <c>id</c>, which the
/// caller replaces with the recipient's pseudonym.</para>
/// <para><b>Patient</b>: <c>name</c> (name); <c>birthDate</c> (birth-date; with only birth-year, the year alone, e.g.
/// <c>1990</c>); <c>gender</c> (gender); <c>telecom</c> and <c>address</c> (contact); <c>communication</c> (language);
/// the <c>patient-nationality</c> extension with its <c>code</c> and <c>period</c> parts (nationality);
/// <c>identifier</c> (identity-documents); <c>contact</c> (family).</para>
/// <para><b>ServiceRequest</b>: <c>identifier</c>, <c>status</c>, <c>intent</c>, <c>category</c>, <c>code</c>,
/// <c>authoredOn</c>, <c>occurrence[x]</c>, <c>priority</c>, <c>requester</c>, <c>performer</c>, <c>subject</c>,
/// <c>supportingInfo</c> (referral); <c>reasonCode</c>, <c>reasonReference</c> (needs); <c>note</c> (case-notes).</para>
/// <para><b>Observation</b>: disclosed whole or not at all. Its categories must hold a coding of the data-class
/// CodeSystem, and every such coding must be one of education, employment, health, exploitation and permitted. Then:
/// <c>status</c>, <c>category</c>, <c>code</c>, <c>subject</c>, <c>effective[x]</c>, <c>issued</c>, <c>value[x]</c>,
/// <c>dataAbsentReason</c>, <c>interpretation</c>, <c>note</c>, <c>method</c>, <c>component</c>,
/// <c>referenceRange</c>.</para>
/// <para>Any other resource type is withheld. Inside the elements kept, only values are copied: no element ids or
/// extensions; a reference keeps only its <c>reference</c> (none into <c>contained</c>); a note's author only as a
/// reference, never a name.</para>
/// <para>Every view's <c>meta</c> holds only security labels (DS4P): a <c>v3-Confidentiality</c> code, <c>R</c> when the
/// view holds health, exploitation or case-notes data and <c>N</c> otherwise; and, when anything present in the source
/// was withheld (an element, an extension, a display, the narrative, a birth date reduced to its year…),
/// <c>http://terminology.hl7.org/CodeSystem/v3-ObservationValue#REDACTED</c>, and only then; the source's
/// <c>meta</c> is bookkeeping and does not count. The source is never changed. Pure and stateless: safe to share
/// between threads.</para>
/// </remarks>
public sealed class Redactor
{
    public RedactionResult Redact(Resource source, IReadOnlySet<string> permittedClasses)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(permittedClasses);

        var view = permittedClasses.Contains(DataClass.Referral)
            ? source switch
            {
                Patient patient => PatientView.Build(patient, permittedClasses),
                ServiceRequest serviceRequest => ServiceRequestView.Build(serviceRequest, permittedClasses),
                Observation observation => ObservationView.Build(observation, permittedClasses),
                _ => null,
            }
            : null;
        if (view is null)
        {
            return new RedactionResult(null, [], Redacted: true);
        }

        var redacted = WithheldContent.Any(source, view.Resource);
        view.Resource.Meta = new Meta { Security = [SecurityLabels.Confidentiality(view.DataClasses)] };
        if (redacted)
        {
            view.Resource.Meta.Security.Add(SecurityLabels.Redacted());
        }

        return new RedactionResult(view.Resource, view.DataClasses, redacted);
    }
}
