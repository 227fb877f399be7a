namespace ReferralHub.Bench;

/// <summary>
/// Which hub processes on this machine belong to the hub being measured: those built in the same checkout as the
/// process listening on the gateway's port. Another hub running here (a test run's, say) would otherwise count.
/// When no local hub process listens there, every hub process found by command line counts.
/// </summary>
public sealed class HubScope
{
    private readonly string? checkout;

    public HubScope(int gatewayPort)
    {
        var serving = ProcessTable.Running()
            .Where(p => ProcessGroups.Measured.Any(g => g.Role == ProcessRole.Hub && g.Matches(p)))
            .FirstOrDefault(p => ProcessTable.Listens(p.Pid, gatewayPort));
        checkout = serving is null ? null : CheckoutOf(serving);
        Description = checkout is null
            ? $"hub processes: every one found by command line (none found listening on port {gatewayPort})"
            : $"hub processes: those built in {checkout}, as the one listening on port {gatewayPort}";
    }

    public string Description { get; }

    public bool Includes(ProcessInfo process) => checkout is null || CheckoutOf(process) == checkout;

    /// <summary>The folder above <c>src/</c> in the program's path, or the program's folder.</summary>
    private static string? CheckoutOf(ProcessInfo process) =>
        ProcessTable.ProgramOf(process) is { } program
            ? program.IndexOf("/src/", StringComparison.Ordinal) is var src and > 0 ? program[..src] : Path.GetDirectoryName(program)
            : null;
}
