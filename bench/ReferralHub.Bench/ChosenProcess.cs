using System.Globalization;

namespace ReferralHub.Bench;

/// <summary>A process named on the command line (<c>--pids ReferralHub.Gateway=4426,PostgreSQL=25665</c>).</summary>
public sealed record ChosenProcess(ProcessGroup Group, int Pid)
{
    public static IReadOnlyList<ChosenProcess> ParseList(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Parse).ToList();
    }

    private static ChosenProcess Parse(string item) =>
        item.Split('=', 2) is [var name, var pid]
        && ProcessGroups.Named(name) is { } group
        && int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? new ChosenProcess(group, number)
            : throw BenchException.Usage(
                $"--pids takes NAME=PID pairs, NAME one of {string.Join(", ", ProcessGroups.Measured.Select(g => g.Name))}; '{item}' is not one");
}
