namespace ReferralHub.Bench;

/// <summary>
/// Why the tool cannot go on, in words the user can act on: printed as one line, without a stack trace, and the
/// process exits with <see cref="ExitCode"/> (2 for a bad command line, 3 when the hub cannot be reached, 1 otherwise).
/// </summary>
public sealed class BenchException(string message, int exitCode = 1) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    public bool IsUsage => ExitCode == 2;

    public static BenchException Usage(string message) => new(message, 2);

    public static BenchException Unreachable(Uri address, string reason) =>
        new($"cannot reach the hub at {address}: {reason} — start it with `dotnet run --project src/ReferralHub.Server`", 3);
}
