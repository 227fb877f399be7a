using Microsoft.Extensions.Hosting;

namespace ReferralHub.Gateway.Validation;

/// <summary>
/// Warms the profile validator up in the background once the Gateway starts; <see cref="ProfileWarmUpCheck"/> keeps
/// the Gateway unready until it is done. A failure here (e.g. the core specification missing) stops the host: it could
/// validate nothing.
/// </summary>
public sealed class ProfileWarmUp(ProfileValidator profiles) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => profiles.WarmUpAsync().WaitAsync(stoppingToken);
}
