using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;
using FhirRange = Hl7.Fhir.Model.Range;

namespace ReferralHub.Consent.Redaction;

/// <summary>
/// Value-only copies of the FHIR datatypes the views allow, built element by element from FHIR's definition of each
/// type. Never copied: element ids, extensions, modifier extensions, content a lenient parser kept, a reference's
/// display, identifier and type (a display could carry a name), references into <c>contained</c> (never disclosed),
/// and an annotation's author given as a name. A copy left with nothing in it is null; a datatype not listed here is
/// never copied.
/// </summary>
internal static class DataTypeCopy
{
    public static T? Value<T>(T? source)
        where T : PrimitiveType, new() =>
        source?.JsonValue is null ? null : new T { JsonValue = source.JsonValue };

    public static void AddAll<T>(IEnumerable<T?> source, List<T> target, Func<T, T?> copy)
        where T : class =>
        target.AddRange(source.OfType<T>().Select(copy).OfType<T>());

    public static ResourceReference? Reference(ResourceReference? source) =>
        source?.Reference is { Length: > 0 } reference && !reference.StartsWith('#')
            ? new ResourceReference { ReferenceElement = Value(source.ReferenceElement) }
            : null;

    public static Coding? Coding(Coding? source) => source is null ? null : NonEmpty(new Coding
    {
        SystemElement = Value(source.SystemElement),
        VersionElement = Value(source.VersionElement),
        CodeElement = Value(source.CodeElement),
        DisplayElement = Value(source.DisplayElement),
        UserSelectedElement = Value(source.UserSelectedElement),
    });

    public static CodeableConcept? CodeableConcept(CodeableConcept? source)
    {
        if (source is null)
        {
            return null;
        }

        var copy = new CodeableConcept { TextElement = Value(source.TextElement) };
        AddAll(source.Coding, copy.Coding, Coding);
        return NonEmpty(copy);
    }

    public static Period? Period(Period? source) => source is null ? null : NonEmpty(new Period
    {
        StartElement = Value(source.StartElement),
        EndElement = Value(source.EndElement),
    });

    public static Identifier? Identifier(Identifier? source) => source is null ? null : NonEmpty(new Identifier
    {
        UseElement = Value(source.UseElement),
        Type = CodeableConcept(source.Type),
        SystemElement = Value(source.SystemElement),
        ValueElement = Value(source.ValueElement),
        Period = Period(source.Period),
        Assigner = Reference(source.Assigner),
    });

    public static HumanName? HumanName(HumanName? source)
    {
        if (source is null)
        {
            return null;
        }

        var copy = new HumanName
        {
            UseElement = Value(source.UseElement),
            TextElement = Value(source.TextElement),
            FamilyElement = Value(source.FamilyElement),
            Period = Period(source.Period),
        };
        AddAll(source.GivenElement, copy.GivenElement, Value);
        AddAll(source.PrefixElement, copy.PrefixElement, Value);
        AddAll(source.SuffixElement, copy.SuffixElement, Value);
        return NonEmpty(copy);
    }

    public static ContactPoint? ContactPoint(ContactPoint? source) => source is null ? null : NonEmpty(new ContactPoint
    {
        SystemElement = Value(source.SystemElement),
        ValueElement = Value(source.ValueElement),
        UseElement = Value(source.UseElement),
        RankElement = Value(source.RankElement),
        Period = Period(source.Period),
    });

    public static Address? Address(Address? source)
    {
        if (source is null)
        {
            return null;
        }

        var copy = new Address
        {
            UseElement = Value(source.UseElement),
            TypeElement = Value(source.TypeElement),
            TextElement = Value(source.TextElement),
            CityElement = Value(source.CityElement),
            DistrictElement = Value(source.DistrictElement),
            StateElement = Value(source.StateElement),
            PostalCodeElement = Value(source.PostalCodeElement),
            CountryElement = Value(source.CountryElement),
            Period = Period(source.Period),
        };
        AddAll(source.LineElement, copy.LineElement, Value);
        return NonEmpty(copy);
    }

    /// <summary>The author only as a reference: an author given as a string is a person's name.</summary>
    public static Annotation? Annotation(Annotation? source) => source is null ? null : NonEmpty(new Annotation
    {
        Author = Reference(source.Author as ResourceReference),
        TimeElement = Value(source.TimeElement),
        // The SDK marks required elements non-nullable; a source may still lack them, and then so does the copy.
        TextElement = Value(source.TextElement)!,
    });

    public static T? Quantity<T>(T? source)
        where T : Quantity, new() => source is null ? null : NonEmpty(new T
        {
            ValueElement = Value(source.ValueElement),
            ComparatorElement = Value(source.ComparatorElement),
            UnitElement = Value(source.UnitElement),
            SystemElement = Value(source.SystemElement),
            CodeElement = Value(source.CodeElement),
        });

    public static FhirRange? Range(FhirRange? source) => source is null ? null : NonEmpty(new FhirRange
    {
        Low = Quantity(source.Low),
        High = Quantity(source.High),
    });

    /// <summary>Values of a choice element (<c>value[x]</c>, <c>effective[x]</c>, <c>occurrence[x]</c>); other types are dropped.</summary>
    public static DataType? Choice(DataType? source) => source switch
    {
        Quantity quantity => Quantity(quantity),
        CodeableConcept concept => CodeableConcept(concept),
        FhirString text => Value(text),
        FhirBoolean flag => Value(flag),
        Integer number => Value(number),
        FhirDateTime dateTime => Value(dateTime),
        Instant instant => Value(instant),
        Time time => Value(time),
        Period period => Period(period),
        FhirRange range => Range(range),
        Ratio ratio => Ratio(ratio),
        SampledData sampled => SampledData(sampled),
        Timing timing => Timing(timing),
        _ => null,
    };

    private static Ratio? Ratio(Ratio source) => NonEmpty(new Ratio
    {
        Numerator = Quantity(source.Numerator),
        Denominator = Quantity(source.Denominator),
    });

    private static SampledData? SampledData(SampledData source) => NonEmpty(new SampledData
    {
        // The SDK marks required elements non-nullable; a source may still lack them, and then so does the copy.
        Origin = Quantity(source.Origin)!,
        PeriodElement = Value(source.PeriodElement)!,
        FactorElement = Value(source.FactorElement),
        LowerLimitElement = Value(source.LowerLimitElement),
        UpperLimitElement = Value(source.UpperLimitElement),
        DimensionsElement = Value(source.DimensionsElement)!,
        DataElement = Value(source.DataElement),
    });

    private static Timing? Timing(Timing source)
    {
        var copy = new Timing { Repeat = Repeat(source.Repeat), Code = CodeableConcept(source.Code) };
        AddAll(source.EventElement, copy.EventElement, Value);
        return NonEmpty(copy);
    }

    private static Timing.RepeatComponent? Repeat(Timing.RepeatComponent? source)
    {
        if (source is null)
        {
            return null;
        }

        var copy = new Timing.RepeatComponent
        {
            Bounds = source.Bounds switch
            {
                Duration duration => Quantity(duration),
                FhirRange range => Range(range),
                Period period => Period(period),
                _ => null,
            },
            CountElement = Value(source.CountElement),
            CountMaxElement = Value(source.CountMaxElement),
            DurationElement = Value(source.DurationElement),
            DurationMaxElement = Value(source.DurationMaxElement),
            DurationUnitElement = Value(source.DurationUnitElement),
            FrequencyElement = Value(source.FrequencyElement),
            FrequencyMaxElement = Value(source.FrequencyMaxElement),
            PeriodElement = Value(source.PeriodElement),
            PeriodMaxElement = Value(source.PeriodMaxElement),
            PeriodUnitElement = Value(source.PeriodUnitElement),
            OffsetElement = Value(source.OffsetElement),
        };
        AddAll(source.DayOfWeekElement, copy.DayOfWeekElement, Value);
        AddAll(source.TimeOfDayElement, copy.TimeOfDayElement, Value);
        AddAll(source.WhenElement, copy.WhenElement, Value);
        return NonEmpty(copy);
    }

    public static T? NonEmpty<T>(T copy)
        where T : Base => copy.IsNullOrEmpty() ? null : copy;
}
