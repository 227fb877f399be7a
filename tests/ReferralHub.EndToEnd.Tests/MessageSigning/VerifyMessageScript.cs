using System.Diagnostics;
using System.Reflection;

namespace ReferralHub.EndToEnd.Tests.MessageSigning;

/// <summary>
/// <c>tools/verify-message/verify.mjs</c>, the receivers' example in JavaScript with the <c>jose</c> library: an
/// implementation of JWS independent of the hub's. Its npm dependencies are installed (<c>npm ci</c>) once per run when
/// absent; Node.js must be on the PATH.
/// </summary>
public static class VerifyMessageScript
{
    private static readonly string Folder = Path.Combine(
        typeof(VerifyMessageScript).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!,
        "tools", "verify-message");

    private static readonly Lazy<Task> Installed = new(InstallAsync);

    /// <summary>Verifies the detached JWS of a push delivery over the body's exact bytes, with the keys at <paramref name="jwks"/> (a URL or a file).</summary>
    public static Task<ScriptRun> VerifyBodyAsync(string jwks, byte[] body, string jws) =>
        RunWithFileAsync(body, file => ["--jwks", jwks, "--body", file, "--jws", jws]);

    /// <summary>Verifies the <c>Bundle.signature</c> of a Bundle as read (its JSON text), with the keys at <paramref name="jwks"/>.</summary>
    public static Task<ScriptRun> VerifyBundleAsync(string jwks, string bundleJson) =>
        RunWithFileAsync(System.Text.Encoding.UTF8.GetBytes(bundleJson), file => ["--jwks", jwks, "--bundle", file]);

    private static async Task<ScriptRun> RunWithFileAsync(byte[] content, Func<string, string[]> arguments)
    {
        await Installed.Value;
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(file, content);
            return await RunAsync("node", ["verify.mjs", .. arguments(file)]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task InstallAsync()
    {
        if (Directory.Exists(Path.Combine(Folder, "node_modules", "jose")))
        {
            return;
        }

        var install = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"]);
        if (install.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci in {Folder} failed: {install.Output}");
        }
    }

    private static async Task<ScriptRun> RunAsync(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new ScriptRun(process.ExitCode, (await output + await error).Trim());
    }
}

/// <summary>What the script said and how it exited (0 verified, 1 not verified, 2 bad usage).</summary>
public sealed record ScriptRun(int ExitCode, string Output)
{
    public bool Verified => ExitCode == 0;
}
