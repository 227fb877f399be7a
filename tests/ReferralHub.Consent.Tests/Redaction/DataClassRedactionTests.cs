using ReferralHub.Contracts.Vocabulary;
using static ReferralHub.Consent.Tests.Redaction.DataClassProbes;
using static ReferralHub.Consent.Tests.Redaction.Disclosures;

namespace ReferralHub.Consent.Tests.Redaction;

/// <summary>Table-driven over the data-class CodeSystem: each class's elements appear exactly when it is permitted.</summary>
public sealed class DataClassRedactionTests
{
    public static TheoryData<string> EveryClassButReferral => new(DataClassCodes.All.Where(c => c != DataClass.Referral));

    [Fact]
    public void Every_data_class_of_the_CodeSystem_has_a_probe()
    {
        Assert.Equal(DataClassCodes.All.Order(StringComparer.Ordinal), ByClass.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(EveryClassButReferral))]
    public void Each_class_permitted_with_referral_shows_its_elements_and_no_other_class_shows(string dataClass)
    {
        var results = RedactAll(DataClass.Referral, dataClass);

        Assert.True(ByClass[dataClass](results), $"{dataClass} should show");
        var hidden = DataClassCodes.All.Except([DataClass.Referral, dataClass, .. ShownAlongWith(dataClass)]);
        Assert.All(hidden, other => Assert.False(ByClass[other](results), $"{other} should not show"));
    }

    [Theory]
    [MemberData(nameof(EveryClassButReferral))]
    public void Each_class_not_permitted_hides_its_elements_while_the_others_show(string dataClass)
    {
        var withheld = new[] { dataClass }.Concat(ShowingAlso(dataClass)).ToList();
        var results = RedactAll([.. DataClassCodes.All.Except(withheld)]);

        Assert.False(ByClass[dataClass](results), $"{dataClass} should not show");
        Assert.All(DataClassCodes.All.Except(withheld), other => Assert.True(ByClass[other](results), $"{other} should show"));
    }

    [Fact]
    public void Referral_alone_shows_the_referral_and_nothing_else()
    {
        var results = RedactAll(DataClass.Referral);

        Assert.True(ByClass[DataClass.Referral](results));
        Assert.All(DataClassCodes.All.Except([DataClass.Referral]), other => Assert.False(ByClass[other](results), $"{other} should not show"));
    }

    [Fact]
    public void Without_referral_nothing_at_all_is_disclosed()
    {
        var results = RedactAll([.. DataClassCodes.All.Except([DataClass.Referral])]);

        Assert.All(results.Values, r => Assert.Null(r.Resource));
        Assert.All(results.Values, r => Assert.True(r.Redacted));
        Assert.All(results.Values, r => Assert.Empty(r.DataClasses));
    }

    [Theory]
    [MemberData(nameof(EveryClassButReferral))]
    public void The_reported_data_classes_are_those_whose_data_shows(string dataClass)
    {
        var results = RedactAll(DataClass.Referral, dataClass);

        var reported = results.Values.SelectMany(r => r.DataClasses).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(new[] { DataClass.Referral, dataClass }.Order(StringComparer.Ordinal), reported);
    }
}
