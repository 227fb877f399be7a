namespace ReferralHub.Gateway.Api.Admission;

/// <summary>How much FHIR work one Gateway instance takes on at once (<c>ReferralHub:Admission</c>).</summary>
public sealed class AdmissionOptions
{
    /// <summary>FHIR requests in progress at once; more than the cores, because requests also wait on the database and broker.</summary>
    public int ConcurrentRequests { get; set; } = 32;

    /// <summary>Requests that may wait for a turn, oldest first; beyond that a request is answered 503 at once.</summary>
    public int QueueLength { get; set; } = 512;

    /// <summary>How long a request waits for its turn before it is answered 503.</summary>
    public TimeSpan QueueTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>What a 503 asks the caller to wait before trying again.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);
}
