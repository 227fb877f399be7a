using System.Globalization;

namespace ReferralHub.Bench;

/// <summary>What Linux's /proc says about processes: which run, their CPU time, their listening sockets.</summary>
public static class ProcessTable
{
    public static IEnumerable<ProcessInfo> Running()
    {
        foreach (var directory in Directory.Exists("/proc") ? Directory.EnumerateDirectories("/proc") : [])
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && Describe(pid) is { } process)
            {
                yield return process;
            }
        }
    }

    /// <summary>utime + stime in clock ticks: fields 14 and 15 of /proc/PID/stat, counted after the command name, which may hold spaces.</summary>
    public static long? TicksOf(int pid) => Read(() =>
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long?)(long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
    });

    /// <summary>Whether the process holds a TCP socket listening on <paramref name="port"/> (/proc/net/tcp and tcp6, then its descriptors).</summary>
    public static bool Listens(int pid, int port)
    {
        var sockets = new[] { "/proc/net/tcp", "/proc/net/tcp6" }
            .Where(File.Exists)
            .SelectMany(File.ReadLines)
            .Skip(1)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length > 9 && f[3] == "0A" && int.Parse(f[1][(f[1].LastIndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture) == port)
            .Select(f => $"socket:[{f[9]}]")
            .ToHashSet(StringComparer.Ordinal);
        return sockets.Count > 0 && (Read(() => Directory.GetFiles($"/proc/{pid}/fd")) ?? [])
            .Any(fd => Read(() => new FileInfo(fd).LinkTarget) is { } target && sockets.Contains(target));
    }

    /// <summary>The program a process runs, as an absolute path: its own executable, or the .dll that <c>dotnet</c> runs.</summary>
    public static string? ProgramOf(ProcessInfo process)
    {
        ArgumentNullException.ThrowIfNull(process);
        var program = process.CommandLine.Count > 0 && Path.GetFileName(process.CommandLine[0]) == "dotnet"
            ? process.CommandLine.Skip(1).FirstOrDefault(arg => arg.EndsWith(".dll", StringComparison.Ordinal))
            : process.CommandLine.FirstOrDefault();
        var workingDirectory = Read(() => new DirectoryInfo($"/proc/{process.Pid}/cwd").LinkTarget);
        return program is null ? null : Path.IsPathRooted(program) || workingDirectory is null ? program : Path.GetFullPath(program, workingDirectory);
    }

    private static ProcessInfo? Describe(int pid) => Read(() =>
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var comm = stat[(stat.IndexOf('(', StringComparison.Ordinal) + 1)..stat.LastIndexOf(')')];
        var commandLine = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        return new ProcessInfo(pid, comm, commandLine);
    });

    /// <summary>Null when the process is gone since it was listed, or is not ours to read.</summary>
    private static T? Read<T>(Func<T?> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return default;
        }
    }
}
