namespace ReferralHub.Bench;

/// <summary>
/// Finds the highest rate the hub sustains (<see cref="RunFigures.Judge"/>) with short open-loop steps: doubling from
/// the start rate until a step is not sustained, then bisecting between the highest rate that held and the lowest
/// that did not, until they are within 10 % of each other. Each step starts once the last one's backlog is
/// delivered. Then one longer run at half the sustained rate gives the latency of a hub with room to spare.
/// </summary>
public sealed class RateSearch(MeasuredRun run, Options options)
{
    private const double Precision = 1.1;

    /// <summary>Below this the hub sustains nothing worth measuring.</summary>
    private const double LowestRate = 0.5;

    public async Task<SearchFigures> RunAsync(Action<RunFigures> stepDone)
    {
        ArgumentNullException.ThrowIfNull(stepDone);
        var steps = new List<RunFigures>();
        double? heldRate = null;
        double? failedRate = null;
        var rate = options.StartRate;
        while (true)
        {
            await SettleAsync();
            var step = await run.RunAsync(new OpenLoop(rate, options.MaxInFlight), options.StepDuration);
            steps.Add(step);
            stepDone(step);
            if (step.Sustained)
            {
                heldRate = rate;
            }
            else
            {
                failedRate = rate;
            }

            var next = Math.Round(failedRate is { } failed ? ((heldRate ?? 0) + failed) / 2 : Math.Min(rate * 2, options.MaxRate), 1);
            var narrowEnough = failedRate <= heldRate * Precision;
            if (next == rate || narrowEnough || next < LowestRate)
            {
                break;
            }

            rate = next;
        }

        if (heldRate is null)
        {
            return new SearchFigures(steps, null, false, null);
        }

        await SettleAsync();
        var half = await run.RunAsync(new OpenLoop(heldRate.Value / 2, options.MaxInFlight), options.Duration);
        return new SearchFigures(steps, heldRate, failedRate is null, half);
    }

    private async Task SettleAsync()
    {
        if (!await run.SettleAsync())
        {
            throw new BenchException("the last step's backlog was not delivered within 60 s: the hub is not keeping up even when left alone, so no further step would measure it");
        }
    }
}

/// <summary>
/// A search's steps, the highest rate sustained (null: not even the lowest tried), whether that was only the
/// <c>--max-rate</c> cap (the hub may sustain more), and the run at half the sustained rate.
/// </summary>
public sealed record SearchFigures(IReadOnlyList<RunFigures> Steps, double? SustainedPerSecond, bool CappedByMaxRate, RunFigures? HalfRate);
