using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace ReferralHub.ServiceDefaults.Hosting;

/// <summary>
/// Whether the demo organisations, clients, people and secrets of DESIGN §4 are seeded: <c>ReferralHub:DemoData</c>,
/// by default on in Development only. Their secrets are public, so the hub refuses to start with them anywhere else.
/// </summary>
public static class DemoData
{
    public static bool IsEnabled(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var enabled = configuration.GetValue<bool?>("ReferralHub:DemoData") ?? environment.IsDevelopment();
        if (enabled && !environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"Demo data (public client secrets and passwords) runs in Development only, not in {environment.EnvironmentName}: unset ReferralHub:DemoData.");
        }

        return enabled;
    }
}
