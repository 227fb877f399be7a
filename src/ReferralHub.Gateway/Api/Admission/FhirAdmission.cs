using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace ReferralHub.Gateway.Api.Admission;

/// <summary>
/// Admission control for the FHIR API: a fixed number of requests run at once and the rest wait briefly in arrival
/// order. Under overload the Gateway answers what it cannot take on soon with 503 and <c>Retry-After</c> before doing
/// any of its work, instead of letting every request slow down together until they time out and connections run out.
/// </summary>
public sealed class FhirAdmission(IOptions<AdmissionOptions> options) : IDisposable
{
    private readonly ConcurrencyLimiter limiter = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = options.Value.ConcurrentRequests,
        QueueLimit = options.Value.QueueLength,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    public TimeSpan RetryAfter => options.Value.RetryAfter;

    /// <summary>A turn to run one request (dispose it when the request is done), or a lease that was not acquired.</summary>
    public async ValueTask<RateLimitLease> AdmitAsync(CancellationToken requestAborted)
    {
        using var waited = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        waited.CancelAfter(options.Value.QueueTimeout);
        try
        {
            return await limiter.AcquireAsync(1, waited.Token);
        }
        catch (OperationCanceledException) when (!requestAborted.IsCancellationRequested)
        {
            return NotAdmitted.Instance;
        }
    }

    public void Dispose() => limiter.Dispose();

    private sealed class NotAdmitted : RateLimitLease
    {
        public static readonly NotAdmitted Instance = new();

        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
