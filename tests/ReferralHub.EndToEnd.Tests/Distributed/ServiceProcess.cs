using System.Diagnostics;
using System.Reflection;

namespace ReferralHub.EndToEnd.Tests.Distributed;

/// <summary>
/// One ReferralHub service running as its own operating-system process (<c>dotnet ReferralHub.X.dll</c>, as built by the
/// solution), on a fixed loopback port. Its output is kept for failure messages.
/// </summary>
public sealed class ServiceProcess : IDisposable
{
    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly Queue<string> output = new();
    private Process? process;

    public ServiceProcess(string service, int port, IReadOnlyDictionary<string, string> environment)
    {
        Service = service;
        Port = port;
        Environment = environment;
    }

    public string Service { get; }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public IReadOnlyDictionary<string, string> Environment { get; }

    public bool IsRunning => process is { HasExited: false };

    /// <summary>The last lines the process wrote (for failure messages).</summary>
    public string RecentOutput
    {
        get
        {
            lock (output)
            {
                return string.Join('\n', output);
            }
        }
    }

    /// <summary>Starts the process (with <paramref name="overrides"/> on top of its environment) and waits until it is ready.</summary>
    public async Task StartAsync(IReadOnlyDictionary<string, string>? overrides = null)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"{Service} is already running.");
        }

        var dll = BuiltAssembly(Service);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.Environment["ASPNETCORE_URLS"] = BaseAddress.ToString().TrimEnd('/');
        // The suite starts many service processes, each living a minute or two and serving a few requests: compiling
        // their hot methods again, optimised (with profiles), only adds JIT work; methods stay as first compiled
        // (measured: a quarter less CPU for the distributed test classes). A service is deployed with tiering on.
        start.Environment["DOTNET_TieredPGO"] = "0";
        start.Environment["DOTNET_TC_CallCounting"] = "0";
        foreach (var (key, value) in Environment.Concat(overrides ?? new Dictionary<string, string>()))
        {
            start.Environment[key] = value;
        }

        process = Process.Start(start) ?? throw new InvalidOperationException($"{Service} did not start.");
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await WaitReadyAsync(TimeSpan.FromSeconds(90));
    }

    /// <summary>kill -9: no shutdown, no flush, no goodbye to the broker.</summary>
    public void Kill()
    {
        if (process is null)
        {
            return;
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
        process = null;
    }

    /// <summary>A graceful stop (SIGTERM, as an orchestrator sends): in-flight messages finish or go back to their queue.</summary>
    public async Task StopAsync()
    {
        if (process is null || process.HasExited)
        {
            Kill();
            return;
        }

        using (var signal = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await signal.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // It did not stop in time: it is killed below like a hung process would be.
        }

        Kill();
    }

    public async Task<int> ReadyStatusAsync()
    {
        try
        {
            using var response = await Probe.GetAsync(new Uri(BaseAddress, "health/ready"));
            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
        catch (TaskCanceledException)
        {
            return 0;
        }
    }

    public void Dispose() => Kill();

    private async Task WaitReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (await ReadyStatusAsync() != 200)
        {
            if (process is null || process.HasExited)
            {
                throw new InvalidOperationException($"{Service} exited before it was ready:\n{RecentOutput}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Service} was not ready within {timeout.TotalSeconds} s:\n{RecentOutput}");
            }

            await Task.Delay(200);
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.Enqueue(line);
            while (output.Count > 200)
            {
                output.Dequeue();
            }
        }
    }

    private static string BuiltAssembly(string service)
    {
        var metadata = typeof(ServiceProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().ToDictionary(a => a.Key, a => a.Value);
        var path = Path.Combine(metadata["RepositoryRoot"]!, "src", $"ReferralHub.{service}", "bin", metadata["Configuration"]!, "net10.0", $"ReferralHub.{service}.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build the solution first: {path} is missing.", path);
    }
}
