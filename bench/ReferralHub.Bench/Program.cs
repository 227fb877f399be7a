using System.Globalization;
using ReferralHub.Bench;

// A benchmark, not a test: it prints figures. Usage:
//   dotnet run -c Release --project bench/ReferralHub.Bench -- --gateway http://127.0.0.1:5080/ [--identity http://127.0.0.1:5081/]
//     [--referrals 200] [--concurrency 8] [--postgres "<connection string>"] [--rabbitmq amqp://…] [--ceiling-operations 2000] [--warmup 10]
var options = Options.Parse(args);
var culture = CultureInfo.InvariantCulture;
Console.WriteLine(string.Create(culture, $"ReferralHub load: {options.Referrals} referrals (after {options.Warmup} unmeasured), concurrency {options.Concurrency}, {Environment.ProcessorCount} cores"));
var result = await new ReferralLoad(options).RunAsync();
Console.WriteLine(string.Create(culture, $"delivered {result.LatenciesMs.Count}, failed {result.Failures}, {result.Wall.TotalSeconds:F1} s"));
Console.WriteLine(string.Create(culture, $"referrals/s {result.PerSecond:F1}"));
Console.WriteLine(string.Create(culture, $"submit→recipient-readable ms: p50 {result.Percentile(50):F0}  p95 {result.Percentile(95):F0}  p99 {result.Percentile(99):F0}"));
if (options.Postgres is { } postgres)
{
    var commits = await RawCeiling.PostgresCommitsPerSecondAsync(postgres, options.CeilingOperations);
    Console.WriteLine(string.Create(culture, $"ceiling: PostgreSQL durable single-row commits/s {commits:F0}  (hub referrals/s ÷ commits/s = {result.PerSecond / commits:P1})"));
}

if (options.RabbitMq is { } rabbit)
{
    var publishes = await RawCeiling.RabbitMqConfirmedPublishesPerSecondAsync(rabbit, options.CeilingOperations);
    Console.WriteLine(string.Create(culture, $"ceiling: RabbitMQ confirmed persistent publishes/s {publishes:F0}  (hub referrals/s ÷ publishes/s = {result.PerSecond / publishes:P1})"));
}

return result.Failures == 0 ? 0 : 1;
