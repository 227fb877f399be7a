using System.Net;
using System.Text;
using System.Text.Json;
using ReferralHub.EndToEnd.Tests.Infrastructure;

namespace ReferralHub.EndToEnd.Tests.ServiceDirectory;

/// <summary>
/// Issue 5, "HSDS round trip": the demo directory exported as HSDS 3, imported into a hub whose directory is empty,
/// exported again — the same bytes. Imports are operators' and all-or-nothing.
/// </summary>
public sealed class HsdsExchangeTests(DemoDirectoryHub demo, EmptyDirectoryHub empty) : IClassFixture<DemoDirectoryHub>, IClassFixture<EmptyDirectoryHub>
{
    [Fact]
    public async Task Exporting_the_demo_directory_and_importing_it_into_an_empty_hub_exports_the_same_bytes()
    {
        var exported = await ExportAsync(demo, HubServerFixture.NgoLagos);
        using (var json = JsonDocument.Parse(exported))
        {
            Assert.Equal(3, json.RootElement.GetProperty("services").GetArrayLength());
            Assert.Contains("\"uri\": \"urn:iso:std:iso:3166:-2:NG-ED\"", exported, StringComparison.Ordinal);
        }

        var answer = await ImportAsync(empty, DirectoryHub.Operator, exported);
        answer.ShouldBe(HttpStatusCode.OK, "an operator importing the demo directory");
        using (var counts = JsonDocument.Parse(answer.Body))
        {
            var services = counts.RootElement.GetProperty("services");
            Assert.Equal(3, services.GetProperty("created").GetInt32() + services.GetProperty("unchanged").GetInt32());
        }

        Assert.Equal(exported, await ExportAsync(empty, HubServerFixture.Shelter));
        await Eventually.UntilAsync(
            "the imported services were published",
            () => Task.FromResult(empty.Events.All.Select(e => e.HealthcareServiceId).Distinct().Count()),
            count => count >= 3);
    }

    [Fact]
    public async Task Importing_a_hubs_own_export_changes_nothing_not_even_what_HSDS_does_not_carry()
    {
        var exported = await ExportAsync(demo, HubServerFixture.Shelter);

        var answer = await ImportAsync(demo, DirectoryHub.Operator, exported);

        answer.ShouldBe(HttpStatusCode.OK, "an operator importing the hub's own export");
        using var counts = JsonDocument.Parse(answer.Body);
        foreach (var part in new[] { "organizations", "services" })
        {
            Assert.Equal(0, counts.RootElement.GetProperty(part).GetProperty("created").GetInt32());
            Assert.Equal(0, counts.RootElement.GetProperty(part).GetProperty("updated").GetInt32());
        }

        var edo = (await demo.ClientFor(HubServerFixture.Shelter).GetAsync("Organization/ngo-ng-edo")).ShouldBe(HttpStatusCode.OK, "reading an organisation").As<Organization>();
        Assert.Equal("1", edo.Meta?.VersionId);
        Assert.Equal("Benin City", edo.Address.Single().City);
    }

    [Fact]
    public async Task An_import_with_one_bad_service_is_refused_whole_and_changes_nothing()
    {
        var before = await ExportAsync(empty, HubServerFixture.Shelter);
        var document = (await ExportAsync(demo, HubServerFixture.Shelter))
            .Replace("\"accepting\"", "\"overbooked\"", StringComparison.Ordinal);

        var answer = await ImportAsync(empty, DirectoryHub.Operator, document);

        answer.ShouldBe(HttpStatusCode.UnprocessableEntity, "importing a document with an unknown capacity");
        Assert.Equal("OperationOutcome", answer.ResourceType);
        Assert.Equal(before, await ExportAsync(empty, HubServerFixture.Shelter));
    }

    [Fact]
    public async Task A_non_operator_cannot_import_and_a_malformed_document_is_a_400()
    {
        (await ImportAsync(empty, HubServerFixture.NgoEdo, """{"organizations":[],"services":[]}""")).ShouldBe(HttpStatusCode.Forbidden, "a non-operator importing");
        (await ImportAsync(empty, DirectoryHub.Operator, """{"organizations":[{"id":"x"}],"services":[]}""")).ShouldBe(HttpStatusCode.BadRequest, "an organization without its required name");
        (await ImportAsync(empty, DirectoryHub.Operator, "not json")).ShouldBe(HttpStatusCode.BadRequest, "a body that is not JSON");
    }

    [Fact]
    public async Task The_command_line_tool_exports_from_one_hub_and_imports_into_another_with_a_progress_bar()
    {
        var file = Path.Combine(empty.DataFolder, "directory.hsds.json");
        var output = new StringWriter();
        var errors = new StringWriter();

        var exported = await ReferralHub.DirectoryTool.Program.RunAsync(
            ["export", "--hub", demo.BaseAddress.ToString(), "--client", DirectoryHub.Operator, "--secret", TokenSource.DemoSecret(DirectoryHub.Operator), "--out", file],
            output, errors, interactive: false);
        Assert.True(exported == 0, errors.ToString());
        var imported = await ReferralHub.DirectoryTool.Program.RunAsync(
            ["import", file, "--hub", empty.BaseAddress.ToString(), "--client", DirectoryHub.Operator, "--secret", TokenSource.DemoSecret(DirectoryHub.Operator), "--chunk", "2"],
            output, errors, interactive: false);

        Assert.True(imported == 0, errors.ToString());
        var progress = errors.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("[------------------------------] 0/8", progress[0], StringComparison.Ordinal);
        Assert.StartsWith("[##############################] 8/8", progress[^1], StringComparison.Ordinal);
        Assert.Equal(await File.ReadAllTextAsync(file), await ExportAsync(empty, HubServerFixture.Shelter));
    }

    [Fact]
    public async Task The_command_line_tool_reports_a_refused_import_without_changing_anything()
    {
        var file = Path.Combine(empty.DataFolder, "refused.hsds.json");
        await File.WriteAllTextAsync(file, (await ExportAsync(demo, HubServerFixture.Shelter)).Replace("\"micro-credit\"", "\"lottery\"", StringComparison.Ordinal));
        var before = await ExportAsync(empty, HubServerFixture.Shelter);
        var errors = new StringWriter();

        var code = await ReferralHub.DirectoryTool.Program.RunAsync(
            ["import", file, "--hub", empty.BaseAddress.ToString(), "--client", DirectoryHub.Operator, "--secret", TokenSource.DemoSecret(DirectoryHub.Operator)],
            new StringWriter(), errors, interactive: false);

        Assert.Equal(1, code);
        Assert.Contains("422", errors.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, await ExportAsync(empty, HubServerFixture.Shelter));
    }

    private static async Task<string> ExportAsync(DirectoryHub hub, string organization)
    {
        var response = await hub.ClientFor(organization).SendAsync(HttpMethod.Get, new Uri(hub.BaseAddress, "directory/hsds").ToString());
        response.ShouldBe(HttpStatusCode.OK, $"{organization} exporting the directory");
        return response.Body;
    }

    private static Task<HubResponse> ImportAsync(DirectoryHub hub, string organization, string document) =>
        hub.ClientFor(organization).SendAsync(
            HttpMethod.Post, new Uri(hub.BaseAddress, "directory/hsds").ToString(), new StringContent(document, Encoding.UTF8, "application/json"));
}
