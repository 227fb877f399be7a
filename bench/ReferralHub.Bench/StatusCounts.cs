namespace ReferralHub.Bench;

/// <summary>How a run's submissions were answered. Only 503 is an answer a hub under load may give; the rest are errors.</summary>
public sealed record StatusCounts(int Success2xx, int Busy503WithRetryAfter, int Busy503WithoutRetryAfter, int Other5xx, int OtherStatus, int NoAnswer)
{
    public int Errors => Other5xx + OtherStatus + NoAnswer;

    public static StatusCounts Of(IReadOnlyCollection<SubmissionOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        return new StatusCounts(
            outcomes.Count(o => o.Status is >= 200 and < 300),
            outcomes.Count(o => o.Status == 503 && o.RetryAfter is not null),
            outcomes.Count(o => o.Status == 503 && o.RetryAfter is null),
            outcomes.Count(o => o.Status is >= 500 and < 600 and not 503),
            outcomes.Count(o => o.Status is < 200 or (>= 300 and < 500) or >= 600),
            outcomes.Count(o => o.Status is null));
    }
}
