using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ReferralHub.EndToEnd.Tests.Webhooks;

/// <summary>
/// WireMock.Net standing in for an agency's webhook endpoint on a loopback port: answers the hub's POSTs in a scripted
/// order (the last answer repeats) and keeps every request it received.
/// </summary>
public sealed class AgencyWebhook : IDisposable
{
    private const string Path = "/referralhub/messages";
    private const string Scenario = "agency answers";

    private readonly WireMockServer server = WireMockServer.Start();

    public string Address => server.Url!.TrimEnd('/') + Path;

    /// <summary>
    /// The answers to successive POSTs; once they are used up, the last one is given to every further POST. Each
    /// answer's mapping is titled <c>answer {n}</c>, so a test can tell which answer a POST got. WireMock moves a
    /// scenario on when the answer is sent, so a POST arriving while a delayed answer is pending gets that answer too.
    /// </summary>
    public AgencyWebhook AnswersInTurn(params Func<IResponseBuilder, IResponseBuilder>[] answers)
    {
        server.ResetMappings();
        server.ResetScenarios();
        for (var turn = 0; turn < answers.Length; turn++)
        {
            var given = server.Given(Request.Create().WithPath(Path).UsingPost()).WithTitle(AnswerTitle(turn));
            if (answers.Length > 1)
            {
                given = given.InScenario(Scenario);
                if (turn > 0)
                {
                    given = given.WhenStateIs(State(turn - 1));
                }

                // The last answer keeps the scenario where it is, so it repeats.
                given = given.WillSetStateTo(State(Math.Min(turn, answers.Length - 2)));
            }

            given.RespondWith(answers[turn](Response.Create()));
        }

        return this;
    }

    public static string AnswerTitle(int turn) => $"answer {turn}";

    public static IResponseBuilder Ok(IResponseBuilder response) => response.WithStatusCode(200);

    public static IResponseBuilder ServerError(IResponseBuilder response) => response.WithStatusCode(500);

    /// <summary>A success that comes only after the hub has stopped waiting: to the hub it is a timeout.</summary>
    public static Func<IResponseBuilder, IResponseBuilder> OkAfter(TimeSpan delay) => response => response.WithStatusCode(200).WithDelay(delay);

    private static string State(int turn) => $"after answer {turn}";

    public IReadOnlyList<ReceivedDelivery> Received => server.LogEntries.Select(ReceivedDelivery.From).ToList();

    /// <summary>The POSTs of the referral-request message of the Task, in the order received.</summary>
    public IReadOnlyList<ReceivedDelivery> ReferralRequestsFor(string taskId) =>
        Received.Where(d => d.IsReferralRequestFor(taskId)).ToList();

    /// <summary>What was received, for a failure message: each POST's message id, attempt and the answer given.</summary>
    public string Describe() => string.Join("; ", Received.Select(d => $"{d.MessageId} attempt {d.Attempt} -> {d.AnsweredBy}: {d.AnsweredStatus?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}"));

    public void Dispose()
    {
        server.Stop();
        server.Dispose();
    }
}
