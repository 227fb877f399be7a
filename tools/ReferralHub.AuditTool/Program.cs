using System.Data.Common;
using ReferralHub.Gateway.Audit;

namespace ReferralHub.AuditTool;

/// <summary>
/// <c>referralhub-audit verify</c>: verifies the Gateway's hash-chained audit log against its signed checkpoints, with
/// the Gateway's own verifier, from outside the hub (docs/audit.md).
/// </summary>
public static class Program
{
    public const string Usage = """
        usage:
          referralhub-audit verify --data FOLDER --checkpoints FOLDER --public-key FILE
          referralhub-audit verify --postgres CONNECTION --checkpoints FOLDER --public-key FILE
        Verifies the audit log of the Gateway's database (the SQLite data folder, or a PostgreSQL connection string,
        ideally of a read-only role; it may also come from the environment variable REFERRALHUB_AUDIT_POSTGRES) against
        the signed checkpoints in the folder, with the checkpoints' public key.
        Exit codes: 0 intact, 1 broken (the first broken link is listed first), 2 usage error or the database, folder or
        key could not be read.
        """;

    public static Task<int> Main(string[] args) => RunAsync(args, Console.Out, Console.Error);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args is ["--help"] or ["-h"] or ["help"])
        {
            await output.WriteLineAsync(Usage);
            return 0;
        }

        CommandLine command;
        try
        {
            command = CommandLine.Parse(args, Environment.GetEnvironmentVariable("REFERRALHUB_AUDIT_POSTGRES"));
        }
        catch (ArgumentException e)
        {
            await error.WriteLineAsync(e.Message);
            await error.WriteLineAsync(Usage);
            return 2;
        }

        try
        {
            return await VerifyAsync(command, output);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or DbException or InvalidOperationException)
        {
            await error.WriteLineAsync($"The audit log could not be verified: {e.Message}");
            return 2;
        }
    }

    private static async Task<int> VerifyAsync(CommandLine command, TextWriter output)
    {
        if (!Directory.Exists(command.Checkpoints))
        {
            throw new DirectoryNotFoundException($"There is no checkpoint folder {command.Checkpoints}.");
        }

        using var key = AuditCheckpointKey.FromPublicKeyPem(await File.ReadAllTextAsync(command.PublicKey));
        var checkpoints = await new AuditCheckpointFolder(command.Checkpoints).ReadAllAsync(CancellationToken.None);
        await using var db = GatewayDatabase.Open(command);
        var verification = await new AuditVerifier(db, key).VerifyAsync(checkpoints, AuditVerificationScope.Full, CancellationToken.None);
        foreach (var finding in verification.Findings)
        {
            await output.WriteLineAsync(AuditReport.Line(finding));
        }

        await output.WriteLineAsync(AuditReport.Summary(verification));
        return verification.Intact ? 0 : 1;
    }
}
