using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReferralHub.Server;

namespace ReferralHub.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The embedded hub (all four services in one process) on real Kestrel at a free loopback port, with its own
/// temporary SQLite data folder, demo data (Development) and ephemeral signing keys. One per test class.
/// Every log message of the process is captured (Debug and up) for the log-privacy test.
/// </summary>
public sealed class HubServerFixture : IRunningHub, IAsyncLifetime
{
    public const string Shelter = "shelter-it-roma";
    public const string NgoEdo = "ngo-ng-edo";
    public const string NgoLagos = "ngo-ng-lagos";
    public const string GovAgency = "gov-ng-agency";

    private readonly List<IDisposable> clients = [];
    private readonly IReadOnlyList<string> extraArguments;
    private readonly Action<WebApplication>? beforeStart;
    private readonly Action<WebApplicationBuilder>? configure;
    private WebApplication? app;
    private TokenSource? tokens;

    public HubServerFixture()
        : this([])
    {
    }

    /// <summary>
    /// A hub with further settings (<c>--Key value</c> pairs), e.g. a shortened webhook retry budget, something to do
    /// once it is built but before it starts (e.g. connect an observer to its bus), and further services (e.g. an
    /// in-memory span exporter).
    /// </summary>
    internal HubServerFixture(IReadOnlyList<string> extraArguments, Action<WebApplication>? beforeStart = null, Action<WebApplicationBuilder>? configure = null)
    {
        this.extraArguments = extraArguments;
        this.beforeStart = beforeStart;
        this.configure = configure;
    }

    public string DataFolder { get; } = Directory.CreateTempSubdirectory("referralhub-e2e-").FullName;

    public CapturedLogs Logs { get; } = new();

    public ResponseRecorder Responses { get; } = new();

    /// <summary>The hub's root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The hub's services (for diagnostics only: the tests talk to the hub over HTTP).</summary>
    public IServiceProvider Services => app?.Services ?? throw new InvalidOperationException("The hub has not started.");

    public TokenSource Tokens => tokens ?? throw new InvalidOperationException("The hub has not started.");

    public async Task InitializeAsync()
    {
        string[] args =
        [
            "--urls", "http://127.0.0.1:0",
            "--environment", "Development",
            "--ConnectionStrings:ReferralHub", DataFolder,
            "--ReferralHub:Identity:EphemeralKeys", "true",
            // Unacknowledged recalls are sent again after seconds rather than minutes, so a test can see it happen.
            "--ReferralHub:Recalls:RetryInterval", "00:00:02",
            "--ReferralHub:Recalls:SweepInterval", "00:00:00.250",
            // Follow-ups whose due date was reached are noticed within a quarter of a second rather than a minute.
            "--ReferralHub:FollowUps:CheckInterval", "00:00:00.250",
            // Keeps the console quiet; the capturing provider has its own Debug rule below.
            "--Logging:LogLevel:Default", "Warning",
            .. extraArguments,
        ];
        app = HubServer.Build(args, builder =>
        {
            builder.Logging.AddProvider(new CapturingLoggerProvider(Logs));
            builder.Logging.AddFilter<CapturingLoggerProvider>(category: null, LogLevel.Debug);
            configure?.Invoke(builder);
        });
        beforeStart?.Invoke(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The hub reported no listening address.");
        BaseAddress = new Uri(address.TrimEnd('/') + "/");
        tokens = new TokenSource(BaseAddress);
        await UntilReadyAsync();
    }

    /// <summary>
    /// Until <c>/health/ready</c> answers 200, as a load balancer waits before it routes requests to an instance: the
    /// tests exercise a hub that has warmed its profiles and its consent decisions, not one still starting on a busy box.
    /// </summary>
    private async Task UntilReadyAsync()
    {
        using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        await Eventually.UntilAsync(
            "the embedded hub's /health/ready answers 200",
            async () =>
            {
                using var response = await probe.GetAsync("health/ready");
                return response.StatusCode;
            },
            status => status == System.Net.HttpStatusCode.OK,
            status => $"{(int)status}",
            TimeSpan.FromSeconds(120));
    }

    public HubClient ClientFor(string organization) => Track(HubClient.For(organization, BaseAddress, Tokens, Responses));

    public async Task<HubClient> PersonClientAsync(string userName) => ClientFor(await SignInAsync(userName));

    public async Task<PersonSignIn> SignInAsync(string userName) => Track(await PersonSignIn.SignInAsync(BaseAddress, userName));

    public HubClient ClientFor(PersonSignIn person) => Track(HubClient.ForPerson(person, BaseAddress, Responses));

    /// <summary>A demo person signed in asking for <paramref name="scope"/> rather than what the web application asks for.</summary>
    public async Task<HubClient> PersonClientWithScopesAsync(string userName, string scope) =>
        ClientFor(Track(await PersonSignIn.SignInAsync(BaseAddress, userName, scope: scope)));

    /// <summary>
    /// A client of a demo organisation whose token carries only <paramref name="scope"/>, as a client asks
    /// <c>/connect/token</c> for fewer scopes than it may have (its caller is the organisation id).
    /// </summary>
    public async Task<HubClient> ClientWithScopesAsync(string organization, string scope)
    {
        var response = await Tokens.RequestAsync(organization, TokenSource.DemoSecret(organization), scope: scope);
        var token = response.AccessToken
            ?? throw new InvalidOperationException($"{organization} could not get a token with scope '{scope}': {(int)response.Status} {response.Body}");
        return Track(HubClient.WithAccessToken(organization, token, BaseAddress, Responses));
    }

    /// <summary>A client that sends no token (disposed with the fixture).</summary>
    public HubClient AnonymousClient() => Track(HubClient.WithoutToken(BaseAddress, Responses));

    public async Task DisposeAsync()
    {
        foreach (var client in clients)
        {
            client.Dispose();
        }

        tokens?.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open (e.g. by the SQLite connection pool) is left to the OS's temp cleanup.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private T Track<T>(T client)
        where T : IDisposable
    {
        lock (clients)
        {
            clients.Add(client);
        }

        return client;
    }
}
