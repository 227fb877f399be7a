using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace ReferralHub.ServiceDefaults.Hosting;

/// <summary>
/// Whether the demo organisations, clients and secrets of DESIGN §4 are seeded: <c>ReferralHub:DemoData</c>, by default
/// on in Development only. Their secrets are public, so the hub refuses to start with them in Production.
/// </summary>
public static class DemoData
{
    public static bool IsEnabled(IConfiguration configuration, IHostEnvironment environment)
    {
        var enabled = configuration.GetValue<bool?>("ReferralHub:DemoData") ?? environment.IsDevelopment();
        if (enabled && environment.IsProduction())
        {
            throw new InvalidOperationException(
                "Demo data (public client secrets) must never run in Production: unset ReferralHub:DemoData or use another environment.");
        }

        return enabled;
    }
}
