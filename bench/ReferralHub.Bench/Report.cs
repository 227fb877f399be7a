using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReferralHub.Bench;

/// <summary>
/// The figures as plain text, one per line (label, then value) so that they paste into a Markdown table, with a
/// ready Markdown row per run at the end; and as JSON.
/// </summary>
public static class Report
{
    private const int LabelWidth = 46;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    public static void Header(Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Line("hub FHIR base", string.Join(", ", options.SubmissionTargets));
        Line("cores", Environment.ProcessorCount);
        Line("unmeasured warm-up referrals", options.Warmup);
        Line("recipient feed polled every ms", options.PollInterval.TotalMilliseconds);
        Console.WriteLine("latency: submit start (open loop: the scheduled arrival) → the Task first seen in ngo-ng-edo's feed;");
        Console.WriteLine("         resolution: one poll interval plus a poll's own time (\"recipient Task feed poll mean ms\").");
    }

    public static void Run(string title, RunFigures run)
    {
        ArgumentNullException.ThrowIfNull(run);
        Console.WriteLine();
        Console.WriteLine($"== {title}: {run.Arrivals}, {Number(run.Seconds, "0.#")} s");
        Line("offered referrals/s", Number(run.OfferedPerSecond, "0.0"));
        Line("offered referrals", run.Offered);
        Line("dropped by the tool (--max-in-flight)", run.DroppedByTool);
        Line("answered 2xx", run.Answers.Success2xx);
        Line("answered 503 with Retry-After", run.Answers.Busy503WithRetryAfter);
        Line("answered 503 without Retry-After", run.Answers.Busy503WithoutRetryAfter);
        Line("answered other 5xx", run.Answers.Other5xx);
        Line("answered other status", run.Answers.OtherStatus);
        Line("no answer (timeout, connection)", run.Answers.NoAnswer);
        Line("delivered referrals", run.Delivered);
        Line("accepted, not delivered within grace", run.NotDeliveredWithinGrace);
        Line("delivered referrals/s", Number(run.DeliveredPerSecond, "0.0"));
        Line("deliveries caught up s after last answer", Number(run.CaughtUpSecondsAfterLastAnswer, "0.00"));
        Line("submit→recipient-readable p50 ms", Number(run.LatencyMs?.P50, "0"));
        Line("submit→recipient-readable p95 ms", Number(run.LatencyMs?.P95, "0"));
        Line("submit→recipient-readable p99 ms", Number(run.LatencyMs?.P99, "0"));
        Line("submission answered p50 ms", Number(run.AnswerMs?.P50, "0"));
        Line("submission answered p99 ms", Number(run.AnswerMs?.P99, "0"));
        Polls("recipient", run.RecipientPolls);
        Polls("shelter", run.RequesterPolls);
        Line("sustained", run.NotSustainedBecause is { } why ? $"no: {why}" : "yes");
        Cpu(run.Cpu);
    }

    public static void Step(RunFigures step)
    {
        ArgumentNullException.ThrowIfNull(step);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"step {step.Arrivals}: delivered {step.DeliveredPerSecond:0.0}/s, 2xx {step.Answers.Success2xx}, 503 {step.Answers.Busy503WithRetryAfter + step.Answers.Busy503WithoutRetryAfter}, other {step.Answers.Errors}, dropped {step.DroppedByTool}, not delivered {step.NotDeliveredWithinGrace}, p50 {Number(step.LatencyMs?.P50, "0")} ms, hub CPU {Number(step.Cpu.HubMsPerReferral, "0.0")} ms/referral → {(step.Sustained ? "sustained" : "not sustained")}"));
    }

    public static void Search(SearchFigures search)
    {
        ArgumentNullException.ThrowIfNull(search);
        Console.WriteLine();
        Line("sustained referrals/s", search.SustainedPerSecond switch
        {
            null => "none (not even the lowest rate tried)",
            var rate when search.CappedByMaxRate => $"≥ {Number(rate, "0.0")} (--max-rate; the hub may sustain more)",
            var rate => Number(rate, "0.0"),
        });
        if (search.Steps.LastOrDefault(s => s.Sustained) is { } held)
        {
            Run("highest sustained step", held);
        }

        if (search.HalfRate is { } half)
        {
            Run("half the sustained rate", half);
        }
    }

    public static void Ceilings(CeilingFigures ceilings)
    {
        ArgumentNullException.ThrowIfNull(ceilings);
        Console.WriteLine();
        Console.WriteLine("== the box's raw ceilings (measured after the load)");
        if (ceilings.PostgresCommitsPerSecond is { } commits)
        {
            Line("PostgreSQL durable single-row commits/s", Number(commits, "0"));
            Line("referrals/s ÷ commits/s", Number(ceilings.ReferralsPerCommit, "0.0%"));
        }

        if (ceilings.RabbitMqPublishesPerSecond is { } publishes)
        {
            Line("RabbitMQ confirmed persistent publishes/s", Number(publishes, "0"));
            Line("referrals/s ÷ publishes/s", Number(ceilings.ReferralsPerPublish, "0.0%"));
        }
    }

    /// <summary>One Markdown table row per run, to paste into bench/README.md.</summary>
    public static void MarkdownRows(IEnumerable<RunFigures> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        Console.WriteLine();
        Console.WriteLine("| run | s | offered/s | delivered/s | 2xx | 503 | other | dropped | p50 ms | p95 ms | p99 ms | hub CPU ms/referral | with database and broker |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var run in runs)
        {
            Console.WriteLine(string.Join(" | ", [
                $"| {run.Arrivals}",
                Number(run.Seconds, "0.#"),
                Number(run.OfferedPerSecond, "0.0"),
                Number(run.DeliveredPerSecond, "0.0"),
                Text(run.Answers.Success2xx),
                Text(run.Answers.Busy503WithRetryAfter + run.Answers.Busy503WithoutRetryAfter),
                Text(run.Answers.Errors),
                Text(run.DroppedByTool),
                Number(run.LatencyMs?.P50, "0"),
                Number(run.LatencyMs?.P95, "0"),
                Number(run.LatencyMs?.P99, "0"),
                Number(run.Cpu.HubMsPerReferral, "0.0"),
                $"{Number(run.Cpu.HubAndInfrastructureMsPerReferral, "0.0")} |",
            ]));
        }
    }

    public static async Task WriteJsonAsync(string path, Figures figures)
    {
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, figures, Json);
    }

    private static void Cpu(CpuFigures cpu)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"CPU per delivered referral, over {cpu.WindowSeconds:0.0} s (first arrival to last delivery); {cpu.Scope}:"));
        Console.WriteLine($"  {"process",-22} {"instances",9} {"CPU ms/referral",16} {"% of one core",14}  pids");
        foreach (var row in cpu.Processes)
        {
            Console.WriteLine($"  {row.Process,-22} {row.Instances,9} {Number(row.MsPerReferral, "0.0"),16} {Number(row.PercentOfOneCore, "0.0"),14}  {string.Join(",", row.Pids.Select(Text))}");
        }

        Line("hub CPU ms/referral (hub processes)", Number(cpu.HubMsPerReferral, "0.0"));
        Line("hub + PostgreSQL + RabbitMQ CPU ms/referral", Number(cpu.HubAndInfrastructureMsPerReferral, "0.0"));
    }

    private static void Polls(string reader, PollFigures polls)
    {
        Line($"{reader} Task feed polls", polls.Polls);
        Line($"{reader} Task feed polls/s", Number(polls.PerSecond, "0.0"));
        Line($"{reader} Task feed poll mean ms", Number(polls.MeanMs, "0.0"));
        Line($"{reader} Task feed polls failed", polls.Failed);
    }

    private static void Line(string label, object value) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label,-LabelWidth} {value}"));

    private static string Number(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "—";

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
