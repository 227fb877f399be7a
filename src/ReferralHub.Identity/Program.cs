using ReferralHub.ServiceDefaults.Hosting;

namespace ReferralHub.Identity;

public static class Program
{
    public static Task Main(string[] args) => HubApplication.RunAsync(args, "http://localhost:5081", new IdentityService());
}
