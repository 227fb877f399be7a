namespace ReferralHub.AuditTool;

/// <summary>The parsed arguments of <c>verify</c>; <see cref="ArgumentException"/> on anything missing or unknown.</summary>
public sealed record CommandLine(string? DataFolder, string? Postgres, string Checkpoints, string PublicKey)
{
    public static CommandLine Parse(IReadOnlyList<string> args, string? postgresFromEnvironment)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count == 0 || args[0] != "verify")
        {
            throw new ArgumentException("The first argument is the command: verify.");
        }

        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || args[i][2..] is not ("data" or "postgres" or "checkpoints" or "public-key"))
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}'.");
            }

            if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"{args[i]} needs a value.");
            }

            options[args[i][2..]] = args[++i];
        }

        var data = options.GetValueOrDefault("data");
        var postgres = options.GetValueOrDefault("postgres") ?? (data is null ? postgresFromEnvironment : null);
        if ((data is null) == (postgres is null))
        {
            throw new ArgumentException("Name the Gateway's database: either --data FOLDER (the SQLite data folder) or --postgres CONNECTION.");
        }

        return new CommandLine(
            data,
            postgres,
            options.GetValueOrDefault("checkpoints") ?? throw new ArgumentException("--checkpoints FOLDER is required: the folder of the signed checkpoints."),
            options.GetValueOrDefault("public-key") ?? throw new ArgumentException("--public-key FILE is required: the checkpoints' public key (PEM)."));
    }
}
