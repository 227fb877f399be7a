namespace ReferralHub.Messaging.Observability;

/// <summary>A gauge whose value is read from the database by the <see cref="GaugeSampler"/>, not at scrape time.</summary>
public interface ISampledGauge
{
    /// <summary>Reads the current value, with the services of a scope of its own.</summary>
    Task SampleAsync(IServiceProvider services, CancellationToken cancellationToken);
}
