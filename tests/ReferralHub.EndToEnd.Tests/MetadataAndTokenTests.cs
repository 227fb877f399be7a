using System.Net;
using System.Text.Json;
using ReferralHub.EndToEnd.Tests.Infrastructure;

namespace ReferralHub.EndToEnd.Tests;

/// <summary>DESIGN §4 and §5: the token endpoint with the demo clients, discovery, and the anonymous CapabilityStatement.</summary>
public sealed class MetadataAndTokenTests(HubServerFixture hub) : IClassFixture<HubServerFixture>
{
    [Fact]
    public async Task Metadata_is_served_anonymously_as_a_FHIR_4_0_1_CapabilityStatement()
    {
        var response = await hub.AnonymousClient().GetAsync("metadata");

        response.ShouldBe(HttpStatusCode.OK, "anonymous GET /fhir/metadata");
        Assert.Equal(FhirJson.MediaType, response.ContentHeaders.ContentType?.MediaType);
        Assert.Equal("CapabilityStatement", response.ResourceType);
        using var json = JsonDocument.Parse(response.Body);
        Assert.Equal("4.0.1", json.RootElement.GetProperty("fhirVersion").GetString());
    }

    [Fact]
    public async Task The_CapabilityStatement_names_the_hubs_profiles_of_Consent_ServiceRequest_Task_and_Communication()
    {
        var statement = (await hub.AnonymousClient().GetAsync("metadata")).ShouldBe(HttpStatusCode.OK, "anonymous GET /fhir/metadata").As<CapabilityStatement>();

        var profiles = statement.Rest.Single().Resource.ToDictionary(resource => resource.Type!, resource => resource.SupportedProfile.OfType<string>().ToArray());
        Assert.Equal(["http://referralhub.org/fhir/StructureDefinition/referralhub-consent"], profiles["Consent"]);
        Assert.Equal(["http://referralhub.org/fhir/StructureDefinition/referralhub-referral-servicerequest"], profiles["ServiceRequest"]);
        Assert.Equal(
            ["http://referralhub.org/fhir/StructureDefinition/referralhub-referral-task", "http://referralhub.org/fhir/StructureDefinition/referralhub-follow-up-task"],
            profiles["Task"]);
        Assert.Equal(["http://referralhub.org/fhir/StructureDefinition/referralhub-communication"], profiles["Communication"]);
    }

    [Fact]
    public async Task A_person_signed_in_through_Identity_acts_for_their_organisation_on_the_FHIR_API()
    {
        var caseworker = await hub.PersonClientAsync("caseworker@ngo-ng-edo");

        var organizations = await caseworker.GetAsync($"Organization/{HubServerFixture.NgoEdo}");

        organizations.ShouldBe(HttpStatusCode.OK, "the caseworker reads her organisation in the directory");
        var own = await caseworker.GetAsync($"Task?owner=Organization/{HubServerFixture.NgoEdo}");
        own.ShouldBe(HttpStatusCode.OK, "the caseworker searches her organisation's Tasks");
    }

    [Theory]
    [InlineData(HubServerFixture.Shelter)]
    [InlineData(HubServerFixture.NgoEdo)]
    [InlineData(HubServerFixture.NgoLagos)]
    [InlineData(HubServerFixture.GovAgency)]
    public async Task Every_demo_organisation_gets_a_working_token_with_its_demo_secret(string organization)
    {
        var token = await hub.Tokens.RequestAsync(organization, TokenSource.DemoSecret(organization));

        Assert.True(token.Status == HttpStatusCode.OK, $"POST /connect/token for {organization}: {(int)token.Status} {token.Body}");
        Assert.False(string.IsNullOrEmpty(token.AccessToken), token.Body);
        Assert.Equal("bearer", token.Json.GetProperty("token_type").GetString(), ignoreCase: true);
        Assert.Equal(3, token.AccessToken!.Split('.').Length); // a signed JWT (JWS compact form), not an encrypted one

        // The token works on the FHIR API.
        var search = await hub.ClientFor(organization).GetAsync("Task?_count=1");
        search.ShouldBe(HttpStatusCode.OK, $"{organization} searching Task with its token");
        Assert.Equal("Bundle", search.ResourceType);
    }

    [Fact]
    public async Task A_wrong_client_secret_gets_no_token()
    {
        var token = await hub.Tokens.RequestAsync(HubServerFixture.Shelter, "not-the-secret");

        Assert.True(token.Status is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized, $"{(int)token.Status} {token.Body}");
        Assert.Equal("invalid_client", token.Error);
        Assert.Null(token.AccessToken);
    }

    [Fact]
    public async Task The_smart_configuration_names_the_issuer_and_the_token_endpoint()
    {
        var response = await hub.AnonymousClient().GetAsync(".well-known/smart-configuration");

        response.ShouldBe(HttpStatusCode.OK, "anonymous GET /fhir/.well-known/smart-configuration");
        using var json = JsonDocument.Parse(response.Body);
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("issuer").GetString()));
        var tokenEndpoint = json.RootElement.GetProperty("token_endpoint").GetString();
        Assert.EndsWith("/connect/token", tokenEndpoint, StringComparison.Ordinal);
    }
}
