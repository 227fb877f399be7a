using System.Globalization;

namespace ReferralHub.Bench;

/// <summary>Command-line options: <c>--name value</c> pairs.</summary>
public sealed record Options(Uri Fhir, Uri Identity, int Referrals, int Concurrency, string? Postgres, string? RabbitMq, int CeilingOperations, int Warmup)
{
    public static Options Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        string Get(string name, string fallback) => values.TryGetValue(name, out var value) ? value : fallback;
        var gateway = new Uri(Get("gateway", "http://127.0.0.1:5080/"));
        return new Options(
            new Uri(gateway, "fhir/"),
            new Uri(Get("identity", gateway.ToString())),
            int.Parse(Get("referrals", "200"), CultureInfo.InvariantCulture),
            int.Parse(Get("concurrency", "8"), CultureInfo.InvariantCulture),
            values.GetValueOrDefault("postgres"),
            values.GetValueOrDefault("rabbitmq"),
            int.Parse(Get("ceiling-operations", "2000"), CultureInfo.InvariantCulture),
            int.Parse(Get("warmup", "10"), CultureInfo.InvariantCulture));
    }
}
