using Hl7.Fhir.Model;
using ReferralHub.Contracts.Vocabulary;
using static ReferralHub.Consent.Redaction.DataTypeCopy;

namespace ReferralHub.Consent.Redaction;

/// <summary>
/// An Observation is disclosed whole (its allowed elements) or not at all, by the data classes of its category:
/// every data-class category it carries must be one of the Observation classes and permitted, and it must carry one.
/// </summary>
internal static class ObservationView
{
    public static ResourceView? Build(Observation source, IReadOnlySet<string> permitted)
    {
        var classes = source.Category.OfType<CodeableConcept>()
            .SelectMany(category => category.Coding.OfType<Coding>())
            .Where(coding => coding.System == HubVocabulary.DataClasses.Url)
            .Select(coding => coding.Code)
            .Distinct()
            .ToList();

        // An unknown or non-Observation class in the category, or one not permitted, withholds it all: fail closed.
        if (classes.Count == 0 || classes.Any(c => c is null || !DataClass.ObservationCategories.Contains(c) || !permitted.Contains(c)))
        {
            return null;
        }

        var view = new Observation
        {
            Id = source.Id,
            // The SDK marks required elements non-nullable; a source may still lack them, and then so does the copy.
            StatusElement = Value(source.StatusElement)!,
            Code = CodeableConcept(source.Code)!,
            Subject = Reference(source.Subject),
            Effective = Choice(source.Effective),
            IssuedElement = Value(source.IssuedElement),
            Value = Choice(source.Value),
            DataAbsentReason = CodeableConcept(source.DataAbsentReason),
            Method = CodeableConcept(source.Method),
        };
        AddAll(source.Category, view.Category, CodeableConcept);
        AddAll(source.Interpretation, view.Interpretation, CodeableConcept);
        AddAll(source.Note, view.Note, Annotation);
        AddAll(source.Component, view.Component, Component);
        AddAll(source.ReferenceRange, view.ReferenceRange, ReferenceRange);
        return ResourceView.Of(view, [DataClass.Referral, .. classes.OfType<string>()]);
    }

    private static Observation.ComponentComponent? Component(Observation.ComponentComponent source)
    {
        var copy = new Observation.ComponentComponent
        {
            Code = CodeableConcept(source.Code)!,
            Value = Choice(source.Value),
            DataAbsentReason = CodeableConcept(source.DataAbsentReason),
        };
        AddAll(source.Interpretation, copy.Interpretation, CodeableConcept);
        AddAll(source.ReferenceRange, copy.ReferenceRange, ReferenceRange);
        return NonEmpty(copy);
    }

    private static Observation.ReferenceRangeComponent? ReferenceRange(Observation.ReferenceRangeComponent source)
    {
        var copy = new Observation.ReferenceRangeComponent
        {
            Low = Quantity(source.Low),
            High = Quantity(source.High),
            Type = CodeableConcept(source.Type),
            Age = DataTypeCopy.Range(source.Age),
            TextElement = Value(source.TextElement),
        };
        AddAll(source.AppliesTo, copy.AppliesTo, CodeableConcept);
        return NonEmpty(copy);
    }
}
