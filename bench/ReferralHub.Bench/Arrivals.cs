namespace ReferralHub.Bench;

/// <summary>How long arrivals go on: until <see cref="Duration"/> has passed or <see cref="Count"/> have arrived.</summary>
public sealed record ArrivalWindow(TimeSpan Duration, int Count)
{
    public static ArrivalWindow For(TimeSpan duration) => new(duration, int.MaxValue);

    public static ArrivalWindow Of(int count) => new(TimeSpan.MaxValue, count);
}

/// <summary>How referrals arrive during a run; returns once every submission started has its answer.</summary>
public interface IArrivals
{
    /// <summary>For the figures: "open loop, 20/s", "closed loop, 8 clients".</summary>
    string Describe();

    Task DriveAsync(ReferralSubmitter submitter, RunLog log, ArrivalWindow window);
}
