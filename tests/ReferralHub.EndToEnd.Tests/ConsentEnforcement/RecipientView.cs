using System.Net;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;

namespace ReferralHub.EndToEnd.Tests.ConsentEnforcement;

/// <summary>Every way a recipient can read a referral disclosed to it, read at one moment.</summary>
public static class RecipientView
{
    /// <summary>
    /// The Patient read by id, the Patient, ServiceRequest and Observation searches, the Task with its included
    /// resources and the mailbox: what the recipient's systems would fetch.
    /// </summary>
    public static async Task<IReadOnlyList<HubResponse>> ReadAllAsync(HubClient recipient, string taskId, string patientPath) =>
    [
        await recipient.GetAsync(patientPath),
        await recipient.GetAsync("Patient?_count=200"),
        await recipient.GetAsync("ServiceRequest?_count=200"),
        await recipient.GetAsync("Observation?_count=200"),
        await recipient.GetAsync($"Task?_id={taskId}&_include=Task:patient&_include=Task:focus"),
        await recipient.GetAsync("Bundle?_count=200"),
    ];

    /// <summary>None of the values appears in any of the answers, and none of them is a server error.</summary>
    public static void ShowsNoneOf(IReadOnlyList<HubResponse> answers, IEnumerable<string> values, string requirement)
    {
        var forbidden = values.ToList();
        foreach (var answer in answers)
        {
            Expect.That((int)answer.Status < 500, $"{requirement}: no read fails with a server error", answer.Describe());
            Expect.NoneIn(answer.Body, forbidden, $"{requirement} ({answer.Method} {answer.Uri.PathAndQuery} answered {(int)answer.Status})");
        }
    }

    /// <summary>The recipient's read of the survivor answers 403, with an OperationOutcome saying why in <paramref name="word"/>.</summary>
    public static void IsRefused(HubResponse read, string word, string requirement)
    {
        Expect.That(read.Status == HttpStatusCode.Forbidden, requirement, read.Describe());
        Expect.That(Expect.TextOf(read.As<OperationOutcome>()).Contains(word, StringComparison.Ordinal), $"{requirement}: the OperationOutcome says '{word}'", read.Body);
    }
}
