namespace ReferralHub.DirectoryTool;

/// <summary><c>export</c>: <c>GET /directory/hsds</c>, written to the file or to standard output as the hub sent it.</summary>
public static class DirectoryExport
{
    public const string Path = "directory/hsds";

    public static async Task<int> RunAsync(HubConnection hub, string? file, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(hub);
        ArgumentNullException.ThrowIfNull(output);
        var document = await hub.GetAsync(Path);
        if (file is null)
        {
            await output.WriteAsync(document);
        }
        else
        {
            await File.WriteAllTextAsync(file, document);
            await output.WriteLineAsync($"Exported the directory to {file}.");
        }

        return 0;
    }
}
