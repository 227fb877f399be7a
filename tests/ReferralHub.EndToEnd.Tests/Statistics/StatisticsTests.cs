using System.Net;
using System.Text.Json;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;
using ReferralHub.EndToEnd.Tests.Webhooks;

namespace ReferralHub.EndToEnd.Tests.Statistics;

/// <summary>
/// <c>GET /stats/referrals</c> counts only the referrals whose consent permits statistics, publishes no count below the
/// threshold nor one that the totals would give away, and shows an organisation only its own referrals.
/// </summary>
public sealed class StatisticsTests(StatisticsHub fixture) : IClassFixture<StatisticsHub>
{
    private readonly HubServerFixture hub = fixture.Hub;

    [Fact]
    public async Task An_operator_counts_every_referral_whose_consent_permits_statistics_with_small_counts_and_their_complements_suppressed()
    {
        var operations = hub.ClientFor(WebhookOperator.OperatorClient);

        var rows = Rows(await StatsAsync(operations, "by=service&scope=hub"));

        // 4 vocational-training (the fifth's consent does not permit statistics), 1 job-placement (small), 3 health
        // (suppressed too, or the total would give the job-placement count away).
        Assert.Equal(["health=suppressed", "job-placement=suppressed", "vocational-training=4", "all=8"], rows);
    }

    [Fact]
    public async Task An_organisation_counts_only_the_referrals_it_sent_or_received()
    {
        Assert.Equal(["vocational-training=4", "all=4"], Rows(await StatsAsync(hub.ClientFor(HubServerFixture.NgoEdo), "by=service")));
        Assert.Equal(["job-placement=suppressed", "all=suppressed"], Rows(await StatsAsync(hub.ClientFor(HubServerFixture.NgoLagos), "by=service")));
        Assert.Equal(
            ["health=suppressed", "job-placement=suppressed", "vocational-training=4", "all=8"],
            Rows(await StatsAsync(hub.ClientFor(HubServerFixture.Shelter), "by=service")));
    }

    [Fact]
    public async Task The_csv_export_carries_the_same_counts_as_the_json()
    {
        var operations = hub.ClientFor(WebhookOperator.OperatorClient);
        const string query = "by=service,destination&scope=hub";

        var json = Rows(await StatsAsync(operations, query));
        var csv = await operations.SendAsync(HttpMethod.Get, StatsUri(query), configure: request =>
        {
            request.Headers.Accept.Clear();
            request.Headers.Accept.ParseAdd("text/csv");
        });

        csv.ShouldBe(HttpStatusCode.OK, "the operator's CSV export");
        Assert.Equal("text/csv", csv.ContentHeaders.ContentType?.MediaType);
        var lines = csv.Body.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("service,destination,count", lines[0]);
        Assert.Equal(json, lines.Skip(1).Select(line => line.Split(',')).Select(f => $"{f[0]}/{f[1]}={f[2]}").ToList());
        Assert.Equal(
            ["health/NG=suppressed", "job-placement/NG=suppressed", "vocational-training/NG=4", "health/all=suppressed", "job-placement/all=suppressed", "vocational-training/all=4", "all/NG=8", "all/all=8"],
            json);
        Assert.Equal(csv.Body, (await StatsAsync(operations, query + "&format=csv")).Body);
    }

    [Fact]
    public async Task Bad_parameters_answer_400_no_token_401_and_a_caller_without_the_right_403()
    {
        var edo = hub.ClientFor(HubServerFixture.NgoEdo);
        foreach (var query in new[] { "by=survivor", "by=service,service", "by=service,origin,destination", "format=xml", "scope=everyone", "patient=Patient/x" })
        {
            (await StatsAsync(edo, query)).ShouldBeOutcome(HttpStatusCode.BadRequest, $"GET /stats/referrals?{query}");
        }

        (await StatsAsync(hub.AnonymousClient(), "by=service")).ShouldBeOutcome(HttpStatusCode.Unauthorized, "statistics without a token");
        (await StatsAsync(edo, "by=service&scope=hub")).ShouldBeOutcome(HttpStatusCode.Forbidden, "the whole hub's statistics asked by an organisation");
        var withoutTaskSearch = await hub.ClientWithScopesAsync(HubServerFixture.NgoEdo, "system/Patient.r");
        (await StatsAsync(withoutTaskSearch, "by=service")).ShouldBeOutcome(HttpStatusCode.Forbidden, "statistics asked with a token that may not search Tasks");
    }

    private Task<HubResponse> StatsAsync(HubClient client, string query) => client.GetAsync(StatsUri(query));

    private string StatsUri(string query) => new Uri(hub.BaseAddress, $"stats/referrals?{query}").AbsoluteUri;

    /// <summary>Each row as <c>value[/value]=count</c>, a suppressed count as <c>suppressed</c>.</summary>
    private static List<string> Rows(HubResponse response)
    {
        response.ShouldBe(HttpStatusCode.OK, "GET /stats/referrals");
        using var json = JsonDocument.Parse(response.Body);
        var dimensions = json.RootElement.GetProperty("by").EnumerateArray().Select(d => d.GetString()!).ToList();
        return json.RootElement.GetProperty("rows").EnumerateArray()
            .Select(row => string.Join('/', dimensions.Select(d => row.GetProperty(d).GetString()))
                + "=" + (row.GetProperty("count").ValueKind == JsonValueKind.Null ? "suppressed" : row.GetProperty("count").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
    }
}
