using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace ReferralHub.Bench;

/// <summary>The CPU time each measured process had used at one moment, in clock ticks.</summary>
public sealed record CpuReading(long At, IReadOnlyDictionary<int, ProcessTicks> Processes);

public sealed record ProcessTicks(ProcessGroup Group, long Ticks);

/// <summary>
/// Reads the CPU time (utime + stime in /proc/PID/stat) of the hub's processes, its database and broker and the load
/// tool before and after a run: the difference per referral delivered is what a referral costs each of them.
/// Processes are found by command line (hub processes within <see cref="HubScope"/>) unless <c>--pids</c> names
/// them. A process that exits during the run loses its CPU time from the figures (PostgreSQL backends come and go
/// with connections).
/// </summary>
public sealed class ProcessCpu
{
    private static readonly double TicksPerSecond = ClockTicksPerSecond();

    private readonly IReadOnlyList<ChosenProcess>? chosen;
    private readonly HubScope? scope;

    public ProcessCpu(IReadOnlyList<ChosenProcess>? chosen, int gatewayPort)
    {
        this.chosen = chosen;
        scope = chosen is null ? new HubScope(gatewayPort) : null;
    }

    /// <summary>Which processes are measured, in words.</summary>
    public string Scope => scope?.Description ?? "the processes named by --pids";

    public CpuReading Read()
    {
        var processes = new Dictionary<int, ProcessTicks>();
        foreach (var (group, pid) in Measured())
        {
            if (ProcessTable.TicksOf(pid) is { } ticks)
            {
                processes[pid] = new ProcessTicks(group, ticks);
            }
        }

        return new CpuReading(Stopwatch.GetTimestamp(), processes);
    }

    public CpuFigures Compare(CpuReading before, CpuReading after, int delivered)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var windowMs = Stopwatch.GetElapsedTime(before.At, after.At).TotalMilliseconds;
        var order = ProcessGroups.Measured.Append(ProcessGroups.LoadTool).ToList();
        var rows = before.Processes.Keys.Union(after.Processes.Keys)
            .Select(pid => (Pid: pid, Group: (after.Processes.GetValueOrDefault(pid) ?? before.Processes[pid]).Group, Ms: UsedMs(pid, before, after)))
            .GroupBy(p => p.Group)
            .OrderBy(g => order.IndexOf(g.Key))
            .Select(g => new CpuRow(
                g.Key.Name,
                g.Key.Role,
                g.Count(),
                g.Select(p => p.Pid).Order().ToList(),
                PerReferral(g.Sum(p => p.Ms), delivered),
                g.Sum(p => p.Ms) / windowMs * 100))
            .ToList();
        return new CpuFigures(
            Scope,
            windowMs / 1000,
            rows,
            Total(rows.Where(r => r.Role == ProcessRole.Hub), delivered),
            Total(rows.Where(r => r.Role != ProcessRole.LoadTool), delivered));
    }

    private static double? Total(IEnumerable<CpuRow> rows, int delivered) => delivered > 0 ? rows.Sum(r => r.MsPerReferral ?? 0) : null;

    private static double? PerReferral(double ms, int delivered) => delivered > 0 ? ms / delivered : null;

    private static double UsedMs(int pid, CpuReading before, CpuReading after) =>
        after.Processes.TryGetValue(pid, out var end)
            ? (end.Ticks - (before.Processes.GetValueOrDefault(pid)?.Ticks ?? 0)) * 1000 / TicksPerSecond
            : 0;

    private IEnumerable<(ProcessGroup Group, int Pid)> Measured()
    {
        yield return (ProcessGroups.LoadTool, Environment.ProcessId);
        if (chosen is not null)
        {
            foreach (var process in chosen)
            {
                yield return (process.Group, process.Pid);
            }

            yield break;
        }

        foreach (var process in ProcessTable.Running())
        {
            if (ProcessGroups.Measured.FirstOrDefault(g => g.Matches(process)) is { } group && (group.Role != ProcessRole.Hub || scope!.Includes(process)))
            {
                yield return (group, process.Pid);
            }
        }
    }

    private static double ClockTicksPerSecond()
    {
        try
        {
            using var getconf = Process.Start(new ProcessStartInfo("getconf", "CLK_TCK") { RedirectStandardOutput = true });
            var text = getconf?.StandardOutput.ReadToEnd().Trim();
            getconf?.WaitForExit();
            return double.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks > 0 ? ticks : 100;
        }
        catch (Win32Exception)
        {
            return 100; // no getconf: Linux's usual USER_HZ
        }
    }
}

/// <summary>CPU per delivered referral over a run's window (first arrival to last delivery).</summary>
public sealed record CpuFigures(string Scope, double WindowSeconds, IReadOnlyList<CpuRow> Processes, double? HubMsPerReferral, double? HubAndInfrastructureMsPerReferral);

public sealed record CpuRow(string Process, ProcessRole Role, int Instances, IReadOnlyList<int> Pids, double? MsPerReferral, double PercentOfOneCore);
