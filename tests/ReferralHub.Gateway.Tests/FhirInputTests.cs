using System.Text;
using ReferralHub.Gateway.Fhir;

namespace ReferralHub.Gateway.Tests;

public sealed class FhirInputTests
{
    [Fact]
    public void Json_nested_thousands_deep_is_a_400_not_a_crash()
    {
        var json = new string('[', 5000) + new string(']', 5000);

        var error = Assert.Throws<FhirInputException>(() => FhirJson.ParseInput(Encoding.UTF8.GetBytes(json)));

        Assert.Equal(400, error.Status);
    }

    [Fact]
    public void Malformed_json_is_a_400() =>
        Assert.Equal(400, Assert.Throws<FhirInputException>(() => FhirJson.ParseInput(Encoding.UTF8.GetBytes("{\"resourceType\": \"Patient\","))).Status);

    [Fact]
    public void Json_that_is_not_fhir_is_a_400_with_the_parser_issues()
    {
        var error = Assert.Throws<FhirInputException>(() => FhirJson.ParseInput(Encoding.UTF8.GetBytes("{\"resourceType\":\"Patient\",\"birthDate\":\"yesterday\"}")));

        Assert.Equal(400, error.Status);
        Assert.NotEmpty(error.Details);
    }

    [Fact]
    public void A_valid_resource_parses()
    {
        var resource = FhirJson.ParseInput(Encoding.UTF8.GetBytes("{\"resourceType\":\"Patient\",\"gender\":\"female\"}"));

        Assert.Equal("Patient", resource.TypeName);
    }

    [Theory]
    [InlineData("W/\"3\"", 3)]
    [InlineData("\"7\"", 7)]
    [InlineData(null, null)]
    public void If_match_names_a_version(string? header, int? expected) => Assert.Equal(expected, ETags.ParseIfMatch(header));

    [Fact]
    public void A_stale_if_match_is_a_412() =>
        Assert.Equal(412, Assert.Throws<FhirInputException>(() => ETags.CheckIfMatch(1, 2)).Status);
}
