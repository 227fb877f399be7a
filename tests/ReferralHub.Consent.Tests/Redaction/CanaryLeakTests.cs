using ReferralHub.Contracts.Vocabulary;
using static ReferralHub.Consent.Tests.Redaction.Disclosures;

namespace ReferralHub.Consent.Tests.Redaction;

/// <summary>
/// Whatever is permitted, the serialized output holds exactly the canaries of the permitted classes of a disclosed
/// resource — never one of another class, never one of the narrative, a display, an extension or an unlisted element.
/// </summary>
public sealed class CanaryLeakTests
{
    public static TheoryData<string[]> PermittedSets
    {
        get
        {
            var sets = new TheoryData<string[]>();
            sets.Add([]);
            sets.Add([.. DataClassCodes.All]);
            sets.Add([DataClass.Referral]);
            foreach (var dataClass in DataClassCodes.All.Where(c => c != DataClass.Referral))
            {
                sets.Add([DataClass.Referral, dataClass]);
                sets.Add([dataClass]);
                sets.Add([.. DataClassCodes.All.Except([dataClass])]);
            }

            return sets;
        }
    }

    [Theory]
    [MemberData(nameof(PermittedSets))]
    public void Only_canaries_of_permitted_classes_leave_the_hub(string[] permitted)
    {
        foreach (var (fixture, result) in RedactAll(permitted))
        {
            var source = Canaries(Fixtures.All[fixture]);
            var expected = ExpectDisclosed(fixture, permitted)
                ? source.Where(c => permitted.Contains(c.DataClass)).Select(c => c.Canary).Order(StringComparer.Ordinal).ToList()
                : [];

            var actual = Canaries(Serialized(result)).Select(c => c.Canary).Order(StringComparer.Ordinal);

            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void Every_fixture_carries_canaries_that_no_class_may_disclose()
    {
        Assert.All(Fixtures.All.Values, json => Assert.Contains(Canaries(json), c => c.DataClass == "never"));
    }

    private static bool ExpectDisclosed(string fixture, string[] permitted) =>
        permitted.Contains(DataClass.Referral)
        && (!fixture.StartsWith("Observation/", StringComparison.Ordinal) || permitted.Contains(fixture["Observation/".Length..]));
}
