namespace ReferralHub.Server;

public static class Program
{
    public static Task Main(string[] args) => HubServer.Build(args).RunAsync();
}
