using System.Text;
using System.Text.Json;
using ReferralHub.Gateway.Signing;

namespace ReferralHub.Gateway.Tests.Signing;

/// <summary>The JSON Canonicalization Scheme (RFC 8785) the hub's <c>Bundle.signature</c> covers, against the RFC's own examples.</summary>
public sealed class CanonicalJsonTests
{
    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(1.0, "1")]
    [InlineData(1.5, "1.5")]
    [InlineData(100.0, "100")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(333333333.3333333, "333333333.3333333")]
    [InlineData(9007199254740992.0, "9007199254740992")]
    [InlineData(-5e-324, "-5e-324")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    public void Numbers_are_written_as_ECMAScript_writes_them(double value, string expected) =>
        Assert.Equal(expected, CanonicalJson.EcmaScriptNumber(value));

    [Fact]
    public void Members_are_sorted_by_UTF16_code_units_without_whitespace_and_strings_keep_all_but_the_required_escapes()
    {
        const string input = """
            { "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false],
              "\u20ac": "euro", "\r": "cr", "1": "one", "\ud83d\ude00": "smiley", "\u0080": "control", "\u00f6": "o-umlaut" }
            """;
        using var document = JsonDocument.Parse(input);

        var canonical = Encoding.UTF8.GetString(CanonicalJson.Serialize(document.RootElement));

        Assert.Equal(
            "{\"\\r\":\"cr\",\"1\":\"one\",\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
            + "\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\",\"\u0080\":\"control\",\"ö\":\"o-umlaut\",\"€\":\"euro\",\"😀\":\"smiley\"}",
            canonical);
    }
}
