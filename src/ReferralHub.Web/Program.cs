using ReferralHub.ServiceDefaults.Hosting;

namespace ReferralHub.Web;

public static class Program
{
    /// <summary>The caseworkers' web application on its own (the distributed mode); the embedded Server hosts it too.</summary>
    public static Task Main(string[] args) => HubApplication.RunAsync(args, WebOptions.DistributedDefaultUrl, new WebService());
}
