namespace ReferralHub.Gateway.Api.Admission;

/// <summary>How much FHIR work one Gateway instance takes on at once (<c>ReferralHub:Admission</c>).</summary>
public sealed class AdmissionOptions
{
    /// <summary>
    /// FHIR requests in progress at once: four per core, enough to keep the cores busy while requests wait on the
    /// database and broker. Not more: every request's continuations queue for the same cores, and a write holds the audit
    /// chain's head from its save to its commit, so requests beyond what the cores can run only make that hold longer
    /// and everyone slower (32 at once on two cores delivered 22 referrals/s under 256 clients; 8 delivered 38/s).
    /// </summary>
    public int ConcurrentRequests { get; set; } = 4 * Environment.ProcessorCount;

    /// <summary>Requests that may wait for a turn, oldest first; beyond that a request is answered 503 at once.</summary>
    public int QueueLength { get; set; } = 512;

    /// <summary>How long a request waits for its turn before it is answered 503.</summary>
    public TimeSpan QueueTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>What a 503 asks the caller to wait before trying again.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);
}
