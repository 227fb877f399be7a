namespace ReferralHub.EndToEnd.Tests.Infrastructure;

/// <summary>Waits for the wall clock to reach a moment the test is about (a consent's end), not for a guessed duration.</summary>
public static class WallClock
{
    public static async Task UntilAsync(DateTimeOffset moment)
    {
        var wait = moment - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
    }
}
