using System.Globalization;
using ReferralHub.Web.Dashboard;

namespace ReferralHub.Web.Tests.Dashboard;

public sealed class SmallCountsTests
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr");

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void A_count_from_one_to_four_is_shown_as_fewer_than_five(int count)
    {
        Assert.True(SmallCounts.IsSuppressed(count));
        Assert.Equal("<5", SmallCounts.Display(count, French));
    }

    [Fact]
    public void Zero_is_shown_as_zero_because_it_points_at_nobody()
    {
        Assert.False(SmallCounts.IsSuppressed(0));
        Assert.Equal("0", SmallCounts.Display(0, French));
    }

    [Fact]
    public void Five_and_more_are_shown_in_the_persons_culture()
    {
        Assert.Equal("5", SmallCounts.Display(5, French));
        Assert.Equal(1234.ToString("N0", French), SmallCounts.Display(1234, French));
        Assert.Equal("1,234", SmallCounts.Display(1234, CultureInfo.GetCultureInfo("en")));
    }
}
