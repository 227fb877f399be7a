namespace ReferralHub.Bench;

/// <summary>What a process is to the figures: the hub's own work, the database or broker it relies on, or the load tool.</summary>
public enum ProcessRole
{
    Hub,
    Infrastructure,
    LoadTool,
}

/// <summary>A running process as /proc shows it.</summary>
public sealed record ProcessInfo(int Pid, string Comm, IReadOnlyList<string> CommandLine);

/// <summary>A kind of process whose CPU a run measures, and how to recognise one in /proc.</summary>
public sealed record ProcessGroup(string Name, ProcessRole Role, Func<ProcessInfo, bool> Matches);

/// <summary>The processes a referral costs CPU in: the embedded hub or the distributed services, PostgreSQL, RabbitMQ.</summary>
public static class ProcessGroups
{
    /// <summary>The groups one may name in <c>--pids</c>, in the order the table lists them.</summary>
    public static readonly IReadOnlyList<ProcessGroup> Measured =
    [
        DotnetProgram("ReferralHub.Server"),
        DotnetProgram("ReferralHub.Gateway"),
        DotnetProgram("ReferralHub.Consent"),
        DotnetProgram("ReferralHub.Routing"),
        DotnetProgram("ReferralHub.Identity"),

        // PostgreSQL's backends rename themselves ("postgres: user db …") but keep the comm "postgres".
        new("PostgreSQL", ProcessRole.Infrastructure, p => p.Comm == "postgres"),
        new("RabbitMQ", ProcessRole.Infrastructure, p => p.Comm == "beam.smp"),
    ];

    /// <summary>This process: the submissions and the recipient's poller.</summary>
    public static readonly ProcessGroup LoadTool = new("load tool", ProcessRole.LoadTool, p => p.Pid == Environment.ProcessId);

    public static ProcessGroup? Named(string name) =>
        Measured.FirstOrDefault(g => string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The program itself, by its apphost or by <c>dotnet X.dll</c>; not <c>dotnet run --project src/X</c>, the SDK
    /// process that only waits for it.
    /// </summary>
    private static ProcessGroup DotnetProgram(string name) => new(name, ProcessRole.Hub, p =>
        p.CommandLine.Count > 0
        && (Path.GetFileName(p.CommandLine[0]) == name
            || (Path.GetFileName(p.CommandLine[0]) == "dotnet" && p.CommandLine.Skip(1).Any(arg => Path.GetFileName(arg) == name + ".dll"))));
}
