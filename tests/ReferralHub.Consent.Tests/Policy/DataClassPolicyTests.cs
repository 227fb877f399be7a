using ReferralHub.Contracts.Vocabulary;
using static ReferralHub.Consent.Tests.Policy.Consents;
using static ReferralHub.Consent.Tests.Policy.Rules;

namespace ReferralHub.Consent.Tests.Policy;

/// <summary>Table-driven over the data-class CodeSystem, so that a new class cannot be forgotten.</summary>
public sealed class DataClassPolicyTests
{
    public static TheoryData<string> EveryClass => new(DataClassCodes.All);

    public static TheoryData<string> EveryClassButReferral => new(DataClassCodes.All.Where(c => c != DataClass.Referral));

    [Theory]
    [MemberData(nameof(EveryClassButReferral))]
    public void Each_class_permitted_with_referral_is_permitted_and_nothing_else_is(string dataClass)
    {
        var decision = Evaluate(Permitting("c1", DataClass.Referral, dataClass));

        Assert.Equal(DataClassCodes.All.Where(c => c == DataClass.Referral || c == dataClass), decision.Permitted());
        Assert.Equal(decision.Permitted().Order(StringComparer.Ordinal), decision.PermittedClasses.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Referral_permitted_alone_permits_only_the_referral()
    {
        var decision = Evaluate(Permitting("c1", DataClass.Referral));

        Assert.Equal([DataClass.Referral], decision.Permitted());
        Assert.True(decision.PermitsReferral);
    }

    [Theory]
    [MemberData(nameof(EveryClassButReferral))]
    public void Each_class_permitted_without_referral_is_not_permitted(string dataClass)
    {
        var decision = Evaluate(Permitting("c1", dataClass));

        Assert.Empty(decision.PermittedClasses);
        Assert.Null(decision.ConsentId);
        Assert.False(decision.PermitsReferral);
    }

    [Theory]
    [MemberData(nameof(EveryClass))]
    public void Each_class_left_out_of_the_permit_is_denied(string dataClass)
    {
        var decision = Evaluate(Permitting("c1", DataClassCodes.AllExcept(dataClass)));

        var expected = dataClass == DataClass.Referral ? [] : DataClassCodes.AllExcept(dataClass);
        Assert.Equal(expected, decision.Permitted());
        Assert.False(decision.Permits(dataClass));
    }

    [Theory]
    [MemberData(nameof(EveryClass))]
    public void Each_class_carved_out_by_a_nested_deny_is_denied(string dataClass)
    {
        var decision = Evaluate(Active("c1", BaseDeny(Permit([.. DataClassCodes.All]).With(Deny(dataClass)))));

        var expected = dataClass == DataClass.Referral ? [] : DataClassCodes.AllExcept(dataClass);
        Assert.Equal(expected, decision.Permitted());
    }

    [Fact]
    public void Birth_date_and_birth_year_are_independent_classes()
    {
        var yearOnly = Evaluate(Permitting("c1", DataClass.Referral, DataClass.BirthYear));
        var dateOnly = Evaluate(Permitting("c1", DataClass.Referral, DataClass.BirthDate));

        Assert.True(yearOnly.Permits(DataClass.BirthYear));
        Assert.False(yearOnly.Permits(DataClass.BirthDate));
        Assert.True(dateOnly.Permits(DataClass.BirthDate));
        Assert.False(dateOnly.Permits(DataClass.BirthYear));
    }

    [Fact]
    public void The_decision_lists_one_class_decision_per_code_of_the_CodeSystem_in_its_order()
    {
        var decision = Evaluate(Permitting("c1", DataClass.Referral, DataClass.Name));

        Assert.Equal(DataClassCodes.All, decision.Classes.Select(c => c.DataClass));
        Assert.All(decision.Classes, c => Assert.Equal(decision.Permits(c.DataClass), c.Permitted));
    }

    [Fact]
    public void A_denied_decision_still_lists_every_class_as_not_permitted()
    {
        var decision = Evaluate();

        Assert.Equal(DataClassCodes.All, decision.Classes.Select(c => c.DataClass));
        Assert.All(decision.Classes, c => Assert.False(c.Permitted));
    }
}
