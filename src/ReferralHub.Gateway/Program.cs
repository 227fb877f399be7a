using ReferralHub.ServiceDefaults.Hosting;

namespace ReferralHub.Gateway;

public static class Program
{
    public static Task Main(string[] args) => HubApplication.RunAsync(args, "http://localhost:5080", new GatewayService());
}
