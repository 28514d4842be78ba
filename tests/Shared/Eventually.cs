using System.Diagnostics;

namespace TokenFactoryTwin.Tests.Shared;

/// <summary>
/// Polls until a condition holds or a deadline passes. The twin aggregates on timers, never on demand, and the live
/// view redraws on them, so a test waits for what it expects rather than sleeping for a guess. The deadline runs on
/// the monotonic clock: a wall-clock step cannot cut a wait short or stretch it.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    /// <summary>Reads until <paramref name="until"/> holds for what was read, and returns that.</summary>
    /// <exception cref="TimeoutException">Not within the timeout; the message shows the last value read.</exception>
    public static async Task<T> Get<T>(Func<Task<T>> read, Func<T, bool> until, TimeSpan? timeout = null, string? what = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var started = Stopwatch.GetTimestamp();
        var value = await read();
        while (!until(value))
        {
            if (Stopwatch.GetElapsedTime(started) > limit)
            {
                throw new TimeoutException($"Timed out after {limit.TotalSeconds:0.#} s waiting for {what ?? "a condition"}; last value: {value}");
            }

            await Task.Delay(Poll);
            value = await read();
        }

        return value;
    }

    /// <summary>Polls <paramref name="condition"/> until it is true.</summary>
    public static Task Until(Func<Task<bool>> condition, TimeSpan timeout, string what) => Get(condition, done => done, timeout, what);
}
