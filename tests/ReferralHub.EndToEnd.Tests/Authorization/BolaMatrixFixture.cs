using System.Net;
using ReferralHub.EndToEnd.Tests.Authorization.Bola;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Webhooks;

namespace ReferralHub.EndToEnd.Tests.Authorization;

/// <summary>One embedded hub, its world built once and the matrix run once; the matrix's tests share the outcome.</summary>
public sealed class BolaMatrixFixture : IAsyncLifetime
{
    private readonly Lazy<Task<BolaOutcome>> run;

    public BolaMatrixFixture() => run = new Lazy<Task<BolaOutcome>>(RunAsync);

    public HubServerFixture Hub { get; } = new();

    /// <summary>The matrix, run once: its failures surface in every test that awaits it.</summary>
    public Task<BolaOutcome> Outcome => run.Value;

    public Task InitializeAsync() => Hub.InitializeAsync();

    public Task DisposeAsync() => Hub.DisposeAsync();

    private async Task<BolaOutcome> RunAsync()
    {
        var world = await BolaWorld.BuildAsync(Hub);
        var statement = (await Hub.AnonymousClient().GetAsync("metadata")).ShouldBe(HttpStatusCode.OK, "the CapabilityStatement").As<CapabilityStatement>();
        var clients = BolaWorld.Organisations.Append(WebhookOperator.OperatorClient).ToDictionary(organization => organization, Hub.ClientFor);
        var victims = await Victims.DiscoverAsync(statement, clients);
        var outsiders = new List<Caller>([.. BolaWorld.Organisations.Select(organization => new Caller(organization, clients[organization]))]);
        foreach (var (organization, person) in BolaWorld.Caseworkers)
        {
            outsiders.Add(new Caller(organization, await Hub.PersonClientAsync(person)));
        }

        var catalogue = new ProbeCatalogue(statement, victims);
        var report = await new BolaMatrix(catalogue, victims, clients, outsiders).RunAsync();
        return new BolaOutcome(world, victims, catalogue, report);
    }
}

/// <summary>The world the matrix probed, what each organisation sees of it, the routes, and what the matrix found.</summary>
public sealed record BolaOutcome(BolaWorld World, IReadOnlyList<Victim> Victims, ProbeCatalogue Catalogue, BolaReport Report);
