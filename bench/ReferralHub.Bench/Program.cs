using System.Globalization;
using ReferralHub.Bench;

// A benchmark, not a test: it prints figures. `--help` lists the options; bench/README.md says what each figure means.
try
{
    var options = Options.Parse(args);
    if (options.Help)
    {
        Console.WriteLine(Options.Usage);
        return 0;
    }

    await RunAsync(options);
    return 0;
}
catch (BenchException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    if (e.IsUsage)
    {
        Console.Error.WriteLine(Options.Usage);
    }

    return e.ExitCode;
}

static async Task RunAsync(Options options)
{
    using var hub = await HubClient.ConnectAsync(options);
    await using var deliveries = new Deliveries(hub, options.PollInterval);
    var run = new MeasuredRun(new ReferralSubmitter(hub, deliveries), deliveries, new ProcessCpu(options.Pids, options.Gateway.Port), options.Grace);
    IArrivals arrivals = options.Concurrency is { } clients ? new ClosedLoop(clients) : new OpenLoop(options.Search ? options.StartRate : options.Rate, options.MaxInFlight);
    Report.Header(options);
    await run.WarmUpAsync(arrivals, options.Warmup);

    RunFigures? single = null;
    SearchFigures? search = null;
    if (options.Search)
    {
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"== search: open-loop steps of {options.StepDuration.TotalSeconds} s from {options.StartRate}/s up to {options.MaxRate}/s"));
        search = await new RateSearch(run, options).RunAsync(Report.Step);
        Report.Search(search);
    }
    else
    {
        single = await run.RunAsync(arrivals, options.Duration);
        Report.Run("run", single);
    }

    var ceilings = await CeilingsAsync(options, search?.SustainedPerSecond ?? single?.DeliveredPerSecond ?? 0);
    if (ceilings is not null)
    {
        Report.Ceilings(ceilings);
    }

    Report.MarkdownRows(single is not null ? [single] : search!.Steps.Append(search.HalfRate).OfType<RunFigures>());
    if (options.Json is { } path)
    {
        await Report.WriteJsonAsync(path, new Figures(
            options.Fhir.ToString(), Environment.ProcessorCount, options.Warmup, options.PollInterval.TotalMilliseconds, options.Grace.TotalSeconds, single, search, ceilings));
    }
}

static async Task<CeilingFigures?> CeilingsAsync(Options options, double referralsPerSecond)
{
    if (options.Postgres is null && options.RabbitMq is null)
    {
        return null;
    }

    return new CeilingFigures(
        referralsPerSecond,
        options.Postgres is { } postgres ? await CeilingAsync("PostgreSQL", () => RawCeiling.PostgresCommitsPerSecondAsync(postgres, options.CeilingOperations)) : null,
        options.RabbitMq is { } rabbit ? await CeilingAsync("RabbitMQ", () => RawCeiling.RabbitMqConfirmedPublishesPerSecondAsync(rabbit, options.CeilingOperations)) : null);
}

// A ceiling that cannot be measured is named on stderr and left out; the hub's figures, already taken, still print.
static async Task<double?> CeilingAsync(string server, Func<Task<double>> measure)
{
    try
    {
        return await measure();
    }
    catch (Exception e) when (e is Npgsql.NpgsqlException or IOException or RabbitMQ.Client.Exceptions.RabbitMQClientException or ArgumentException)
    {
        Console.Error.WriteLine($"error: {server}'s ceiling not measured: {e.Message}");
        return null;
    }
}
