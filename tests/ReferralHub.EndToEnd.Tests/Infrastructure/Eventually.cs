using Xunit.Sdk;

namespace ReferralHub.EndToEnd.Tests.Infrastructure;

/// <summary>Waits for a condition by polling, with a timeout: the tests never sleep a fixed time.</summary>
public static class Eventually
{
    /// <summary>
    /// How long asynchronous effects (delivery, withdrawal) may take; DESIGN says "within seconds", and the test classes
    /// share two cores with each other (a hub that has just started validates its first profile slowly).
    /// </summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(150);

    /// <summary>Polls <paramref name="probe"/> until <paramref name="done"/> holds; exceptions from the probe count as "not yet".</summary>
    public static async Task<T> UntilAsync<T>(string what, Func<Task<T>> probe, Func<T, bool> done, Func<T, string>? describe = null, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? DefaultTimeout);
        var last = "nothing observed";
        while (true)
        {
            try
            {
                var value = await probe();
                if (done(value))
                {
                    return value;
                }

                last = describe?.Invoke(value) ?? value?.ToString() ?? "null";
            }
            catch (Exception exception)
            {
                last = $"{exception.GetType().Name}: {exception.Message}";
            }

            if (DateTimeOffset.UtcNow >= deadline)
            {
                throw new XunitException($"Timed out after {(timeout ?? DefaultTimeout).TotalSeconds:0.#} s waiting until {what}. Last observed: {last}");
            }

            await Task.Delay(Interval);
        }
    }
}
