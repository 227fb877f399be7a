using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ReferralHub.Gateway.Api.Admission;
using ReferralHub.Gateway.Fhir;
using Task = System.Threading.Tasks.Task;

namespace ReferralHub.Gateway.Tests.Admission;

/// <summary>
/// Under overload the Gateway takes on a fixed number of FHIR requests at once, lets a few more wait briefly, and answers
/// the rest 503 with <c>Retry-After</c> before any of its work is done.
/// </summary>
public sealed class FhirAdmissionTests : IDisposable
{
    private readonly FhirAdmission admission = new(Options.Create(new AdmissionOptions
    {
        ConcurrentRequests = 1,
        QueueLength = 1,
        QueueTimeout = TimeSpan.FromSeconds(30),
        RetryAfter = TimeSpan.FromSeconds(1),
    }));

    private static readonly IServiceProvider Services = new ServiceCollection().AddLogging().BuildServiceProvider();

    private readonly TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    [Fact]
    public async Task A_request_beyond_the_running_and_the_waiting_ones_is_answered_503_with_Retry_After_and_never_runs()
    {
        var running = RunAsync(() => release.Task);
        var waiting = RunAsync(() => Task.CompletedTask);
        var handlerRan = false;

        var refused = await RunAsync(() =>
        {
            handlerRan = true;
            return Task.CompletedTask;
        });

        Assert.False(handlerRan);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, refused.Response.StatusCode);
        Assert.Equal("1", refused.Response.Headers.RetryAfter.ToString());
        var outcome = FhirJson.Parse<OperationOutcome>(Body(refused));
        Assert.Equal(OperationOutcome.IssueType.Throttled, outcome.Issue.Single().Code);

        release.SetResult();
        Assert.Equal(StatusCodes.Status200OK, (await running).Response.StatusCode);
        Assert.Equal(StatusCodes.Status200OK, (await waiting).Response.StatusCode);
    }

    [Fact]
    public async Task A_waiting_request_runs_as_soon_as_a_running_one_ends()
    {
        var running = RunAsync(() => release.Task);
        var waiting = RunAsync(() => Task.CompletedTask);
        Assert.False(waiting.IsCompleted);

        release.SetResult();

        Assert.Equal(StatusCodes.Status200OK, (await waiting).Response.StatusCode);
        Assert.Equal(StatusCodes.Status200OK, (await running).Response.StatusCode);
    }

    [Fact]
    public async Task A_request_that_waits_longer_than_the_queue_timeout_is_answered_503()
    {
        using var impatient = new FhirAdmission(Options.Create(new AdmissionOptions { ConcurrentRequests = 1, QueueLength = 1, QueueTimeout = TimeSpan.FromMilliseconds(50) }));
        var running = RunAsync(() => release.Task, impatient);

        var waited = await RunAsync(() => Task.CompletedTask, impatient);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, waited.Response.StatusCode);
        release.SetResult();
        Assert.Equal(StatusCodes.Status200OK, (await running).Response.StatusCode);
    }

    public void Dispose() => admission.Dispose();

    /// <summary>One FHIR request through the admission filter; the handler answers 200 once <paramref name="work"/> is done.</summary>
    private async Task<HttpContext> RunAsync(Func<Task> work, FhirAdmission? through = null)
    {
        var http = new DefaultHttpContext { RequestServices = Services };
        http.Response.Body = new MemoryStream();
        var filter = new FhirAdmissionFilter(through ?? admission, NullLogger<FhirAdmissionFilter>.Instance);
        var result = await filter.InvokeAsync(new DefaultEndpointFilterInvocationContext(http), async _ =>
        {
            await work();
            return Results.Ok();
        });
        await ((IResult)result!).ExecuteAsync(http);
        return http;
    }

    private static string Body(HttpContext http)
    {
        http.Response.Body.Position = 0;
        return new StreamReader(http.Response.Body).ReadToEnd();
    }
}
