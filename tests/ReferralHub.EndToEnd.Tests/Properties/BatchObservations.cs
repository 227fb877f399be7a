namespace ReferralHub.EndToEnd.Tests.Properties;

/// <summary>How the hub answered the submission of one case.</summary>
public sealed record SubmissionAnswer(bool Accepted, string Description);

/// <summary>Where a canary was found: which organisation received it, in which response.</summary>
public sealed record Sighting(string Receiver, string Where);

/// <summary>Everything observed while running one batch, from which each case is judged (<see cref="CaseChecks"/>).</summary>
public sealed class BatchObservations
{
    public Dictionary<CaseInstance, SubmissionAnswer> Answers { get; } = [];

    public Dictionary<CaseInstance, DisclosureExpectation> Expectations { get; } = [];

    /// <summary>Canaries found in the response bodies the recipients got, with where.</summary>
    public Dictionary<string, List<Sighting>> RecipientSightings { get; } = [];

    /// <summary>The resource views each recipient got, by the referral canary of their ServiceRequest.</summary>
    public Dictionary<string, List<(string Recipient, RecipientCaseView View)>> Views { get; } = [];

    /// <summary>Canaries in the custodian's own resources updated during the batch.</summary>
    public HashSet<string> CustodianCanaries { get; } = [];

    /// <summary>The case's canaries and birth date found in the hub's log, by case tag.</summary>
    public Dictionary<string, List<string>> LogSightings { get; } = [];

    /// <summary>Why waiting for the delivery of the accepted referrals ended early, if it did.</summary>
    public string? DeliveryProblem { get; set; }
}
