using ReferralHub.ServiceDefaults.Hosting;

namespace ReferralHub.Consent;

public static class Program
{
    public static Task Main(string[] args) => HubApplication.RunAsync(args, "http://localhost:5082", new ConsentService());
}
