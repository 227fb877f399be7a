using System.Globalization;

namespace ReferralHub.DirectoryTool;

/// <summary>The parsed arguments; <see cref="ArgumentException"/> on anything missing or unknown.</summary>
public sealed record CommandLine(string Verb, Uri Hub, string Client, string Secret, string? File, int Chunk)
{
    public const int DefaultChunk = 5;

    public static CommandLine Parse(IReadOnlyList<string> args, string? secretFromEnvironment)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count == 0 || args[0] is not ("export" or "import"))
        {
            throw new ArgumentException("The first argument is the command: export or import.");
        }

        var verb = args[0];
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        string? file = null;
        for (var i = 1; i < args.Count; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                if (i + 1 >= args.Count)
                {
                    throw new ArgumentException($"{args[i]} needs a value.");
                }

                options[args[i][2..]] = args[++i];
            }
            else if (verb == "import" && file is null)
            {
                file = args[i];
            }
            else
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}'.");
            }
        }

        foreach (var name in options.Keys.Where(n => n is not ("hub" or "client" or "secret" or "out" or "chunk")))
        {
            throw new ArgumentException($"Unknown option --{name}.");
        }

        if (!options.TryGetValue("hub", out var hub) || !Uri.TryCreate(hub.TrimEnd('/') + "/", UriKind.Absolute, out var hubUri))
        {
            throw new ArgumentException("--hub URL is required, e.g. --hub http://localhost:5080.");
        }

        var client = options.GetValueOrDefault("client") ?? throw new ArgumentException("--client ID is required.");
        var secret = options.GetValueOrDefault("secret") ?? secretFromEnvironment ?? throw new ArgumentException("--secret is required.");
        if (verb == "import" && file is null)
        {
            throw new ArgumentException("import needs the HSDS file to read.");
        }

        var chunk = DefaultChunk;
        if (options.TryGetValue("chunk", out var chunkText) && (!int.TryParse(chunkText, NumberStyles.None, CultureInfo.InvariantCulture, out chunk) || chunk < 1))
        {
            throw new ArgumentException("--chunk must be a positive whole number.");
        }

        return new CommandLine(verb, hubUri, client, secret, verb == "export" ? options.GetValueOrDefault("out") : file, chunk);
    }
}
