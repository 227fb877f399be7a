using ReferralHub.ServiceDefaults.Hosting;

namespace ReferralHub.Routing;

public static class Program
{
    public static Task Main(string[] args) => HubApplication.RunAsync(args, "http://localhost:5083", new RoutingService());
}
