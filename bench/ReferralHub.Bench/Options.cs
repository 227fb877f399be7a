using System.Globalization;
using System.Text;

namespace ReferralHub.Bench;

/// <summary>
/// What to run. Every option is declared once, in <see cref="Specs"/>, with its parser and how its default reads, so
/// the usage text cannot drift from what is parsed.
/// </summary>
public sealed record Options
{
    /// <summary>Every instance's address; submissions go to each in turn, the feeds are read from the first.</summary>
    public IReadOnlyList<Uri> Gateways { get; init; } = [new("http://127.0.0.1:5080/")];

    /// <summary>The first Gateway: the feeds, the tokens (without <see cref="Identity"/>), the checkout measured.</summary>
    public Uri Gateway => Gateways[0];

    /// <summary>Where tokens come from; the Gateway when not given (the embedded hub serves <c>/connect/token</c> itself).</summary>
    public Uri? Identity { get; init; }

    public double Rate { get; init; } = 10;

    /// <summary>Closed loop with this many clients instead of open-loop arrivals.</summary>
    public int? Concurrency { get; init; }

    public bool Search { get; init; }

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);

    public int Warmup { get; init; } = 20;

    public int MaxInFlight { get; init; } = 512;

    public double StartRate { get; init; } = 4;

    public double MaxRate { get; init; } = 1000;

    public TimeSpan StepDuration { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan Grace { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Processes named on the command line; null: found in /proc by command line.</summary>
    public IReadOnlyList<ChosenProcess>? Pids { get; init; }

    public string? Postgres { get; init; }

    public string? RabbitMq { get; init; }

    public int CeilingOperations { get; init; } = 2000;

    public string? Json { get; init; }

    public bool Help { get; init; }

    public Uri Fhir => new(Gateway, "fhir/");

    /// <summary>Where submissions go, each in turn.</summary>
    public IReadOnlyList<Uri> SubmissionTargets => [.. Gateways.Select(gateway => new Uri(gateway, "fhir/"))];

    public Uri TokenEndpoint => new(Identity ?? Gateway, "connect/token");

    public static string Usage
    {
        get
        {
            var defaults = new Options();
            var usage = new StringBuilder()
                .AppendLine("usage: dotnet run -c Release --project bench/ReferralHub.Bench -- [options]")
                .AppendLine("Submits the README's referral (shelter-it-roma → ngo-ng-edo) and counts it delivered when ngo-ng-edo's Task feed shows its Task.")
                .AppendLine("Open loop at --rate by default; --concurrency for a closed loop; --search for the highest sustained rate.")
                .AppendLine("options [default]:");
            foreach (var spec in Specs)
            {
                var name = spec.Value is null ? $"--{spec.Name}" : $"--{spec.Name} {spec.Value}";
                usage.AppendLine(CultureInfo.InvariantCulture, $"  {name,-26} {spec.Help}{(spec.Default(defaults) is { } value ? $" [{value}]" : string.Empty)}");
            }

            return usage.ToString().TrimEnd();
        }
    }

    private static readonly Spec[] Specs =
    [
        new("gateway", "URL[,URL…]", "the hub's public address, FHIR under URL/fhir/; several instances' addresses: each takes submissions in turn, the first serves the feeds", o => string.Join(",", o.Gateways), (o, v) => o with { Gateways = [.. v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(address => Address("gateway", address))] }),
        new("identity", "URL", "where tokens come from (client_credentials at URL/connect/token)", _ => "the gateway", (o, v) => o with { Identity = Address("identity", v) }),
        new("rate", "R", "open loop: referrals submitted per second, on a fixed schedule", o => Text(o.Rate), (o, v) => o with { Rate = Positive("rate", v) }),
        new("duration", "S", "seconds of measured arrivals (with --search: of the run at half the sustained rate)", o => Text(o.Duration.TotalSeconds), (o, v) => o with { Duration = Seconds("duration", v) }),
        new("warmup", "N", "unmeasured referrals first (JIT, connection pools, broker topology), delivered before measuring", o => Text(o.Warmup), (o, v) => o with { Warmup = Whole("warmup", v, 0) }),
        new("max-in-flight", "N", "open loop: most submissions awaiting an answer; an arrival beyond that is dropped by the tool and counted", o => Text(o.MaxInFlight), (o, v) => o with { MaxInFlight = Whole("max-in-flight", v, 1) }),
        new("concurrency", "C", "closed loop instead: C clients each submitting back to back (waiting a 503's Retry-After)", _ => "off", (o, v) => o with { Concurrency = Whole("concurrency", v, 1) }),
        new("search", null, "find the highest rate the hub sustains, then measure latency at half of it", _ => "off", (o, _) => o with { Search = true }),
        new("start-rate", "R", "--search: the first rate; it doubles until a step is not sustained, then bisects", o => Text(o.StartRate), (o, v) => o with { StartRate = Positive("start-rate", v) }),
        new("max-rate", "R", "--search: the highest rate tried", o => Text(o.MaxRate), (o, v) => o with { MaxRate = Positive("max-rate", v) }),
        new("step-seconds", "S", "--search: seconds of arrivals in each step", o => Text(o.StepDuration.TotalSeconds), (o, v) => o with { StepDuration = Seconds("step-seconds", v) }),
        new("grace", "S", "seconds after the last answer for deliveries to catch up; later ones count as backlog", o => Text(o.Grace.TotalSeconds), (o, v) => o with { Grace = Seconds("grace", v) }),
        new("poll-ms", "MS", "the recipient's Task feed is read every MS milliseconds: the latency's resolution", o => Text(o.PollInterval.TotalMilliseconds), (o, v) => o with { PollInterval = TimeSpan.FromMilliseconds(Whole("poll-ms", v, 1)) }),
        new("pids", "NAME=PID,…", $"measure CPU of these processes, NAME one of {string.Join(", ", ProcessGroups.Measured.Select(g => g.Name))}", _ => "found in /proc by command line", (o, v) => o with { Pids = ChosenProcess.ParseList(v) }),
        new("postgres", "CONNECTION", "also measure the box's ceiling: PostgreSQL durable single-row commits/s", _ => "off", (o, v) => o with { Postgres = v }),
        new("rabbitmq", "URI", "also measure the box's ceiling: RabbitMQ confirmed persistent publishes/s", _ => "off", (o, v) => o with { RabbitMq = v }),
        new("ceiling-operations", "N", "commits or publishes per ceiling measurement", o => Text(o.CeilingOperations), (o, v) => o with { CeilingOperations = Whole("ceiling-operations", v, 1) }),
        new("json", "FILE", "also write the figures to FILE as JSON", _ => "off", (o, v) => o with { Json = v }),
        new("help", null, "print this and exit", _ => null, (o, _) => o with { Help = true }),
    ];

    /// <summary>Parses <c>--name value</c>, <c>--name=value</c> and flags; throws a usage <see cref="BenchException"/>.</summary>
    public static Options Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new Options();
        var given = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inlineValue) = args[i].Split('=', 2) is [var before, var after] ? (before, after) : (args[i], null);
            var spec = name.StartsWith("--", StringComparison.Ordinal) ? Specs.FirstOrDefault(s => s.Name == name[2..]) : null;
            if (spec is null)
            {
                throw BenchException.Usage($"unknown option '{args[i]}'");
            }

            if (spec.Value is null && inlineValue is not null)
            {
                throw BenchException.Usage($"{name} takes no value");
            }

            var value = spec.Value is null ? string.Empty
                : inlineValue ?? (i + 1 < args.Count ? args[++i] : throw BenchException.Usage($"{name} needs a value ({spec.Value})"));
            options = spec.Apply(options, value);
            given.Add(spec.Name);
        }

        return options.Checked(given);
    }

    private Options Checked(HashSet<string> given)
    {
        if (Help)
        {
            return this;
        }

        if (Gateways.Count == 0)
        {
            throw BenchException.Usage("--gateway needs at least one address");
        }

        if (Search && Concurrency is not null)
        {
            throw BenchException.Usage("--search and --concurrency: choose one (the search runs open-loop steps)");
        }

        if (given.Contains("rate") && (Search || Concurrency is not null))
        {
            throw BenchException.Usage("--rate is for open-loop runs: with --search use --start-rate, with --concurrency the clients set the pace");
        }

        if (StartRate > MaxRate)
        {
            throw BenchException.Usage("--start-rate is above --max-rate");
        }

        return this;
    }

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static Uri Address(string option, string value) =>
        Uri.TryCreate(value.EndsWith('/') ? value : value + "/", UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw BenchException.Usage($"--{option} must be an http(s) address, not '{value}'");

    private static double Positive(string option, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number > 0 && double.IsFinite(number)
            ? number
            : throw BenchException.Usage($"--{option} must be a number above 0, not '{value}'");

    private static TimeSpan Seconds(string option, string value) => TimeSpan.FromSeconds(Positive(option, value));

    private static int Whole(string option, string value, int minimum) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= minimum
            ? number
            : throw BenchException.Usage($"--{option} must be a whole number of at least {minimum}, not '{value}'");

    private sealed record Spec(string Name, string? Value, string Help, Func<Options, string?> Default, Func<Options, string, Options> Apply);
}
