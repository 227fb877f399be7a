namespace ReferralHub.DirectoryTool;

/// <summary>
/// <c>referralhub-directory export --hub URL --client ID --secret S [--out FILE]</c> and
/// <c>referralhub-directory import FILE --hub URL --client ID --secret S [--chunk N]</c>: the hub's directory as an
/// Open Referral HSDS 3 document (docs/directory.md).
/// </summary>
public static class Program
{
    public const string Usage = """
        usage:
          referralhub-directory export --hub URL --client ID --secret SECRET [--out FILE]
          referralhub-directory import FILE --hub URL --client ID --secret SECRET [--chunk N]
        The client secret may also come from the environment variable REFERRALHUB_CLIENT_SECRET.
        """;

    public static Task<int> Main(string[] args) => RunAsync(args, Console.Out, Console.Error, interactive: !Console.IsErrorRedirected);

    /// <summary>Runs one command; 0 on success, 1 when the hub refused, 2 on a usage error.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, bool interactive)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        CommandLine command;
        try
        {
            command = CommandLine.Parse(args, Environment.GetEnvironmentVariable("REFERRALHUB_CLIENT_SECRET"));
        }
        catch (ArgumentException e)
        {
            await error.WriteLineAsync(e.Message);
            await error.WriteLineAsync(Usage);
            return 2;
        }

        using var hub = new HubConnection(command.Hub, command.Client, command.Secret);
        try
        {
            return command.Verb switch
            {
                "export" => await DirectoryExport.RunAsync(hub, command.File, output),
                _ => await DirectoryImport.RunAsync(hub, command.File!, command.Chunk, new ProgressBar(error, interactive), output),
            };
        }
        catch (HubRefusedException e)
        {
            await error.WriteLineAsync(e.Message);
            return 1;
        }
        catch (HttpRequestException e)
        {
            await error.WriteLineAsync($"The hub at {command.Hub} could not be reached: {e.Message}");
            return 1;
        }
    }
}
