namespace TokenFactoryTwin.Domain.Telemetry.Scraping;

/// <summary>
/// When a pull target is scraped. As Prometheus does, each target keeps its own phase in its interval (from a hash of
/// its id), so thousands of targets are spread over the interval instead of fetched at once; a scrape's timeout is
/// at most its interval, so one round never runs into the next; a round that fails by timing out is simply missed
/// (the next is tried on schedule), and only a target that refuses or answers errors waits longer, doubling per
/// failure in a row up to a ceiling.
/// </summary>
public static class ScrapeSchedule
{
    /// <summary>Where in its interval a target is scraped: the same for a target every time, spread over targets.</summary>
    public static TimeSpan Phase(string targetId, double intervalSeconds)
    {
        // FNV-1a: string.GetHashCode differs from run to run, and a target's phase should not.
        var hash = 2166136261u;
        foreach (var c in targetId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return TimeSpan.FromSeconds(intervalSeconds * (hash / (double)uint.MaxValue));
    }

    /// <summary>How long a scrape may take: its own timeout, but never past its interval (Prometheus refuses more).</summary>
    public static TimeSpan Timeout(double timeoutSeconds, double intervalSeconds) => TimeSpan.FromSeconds(Math.Min(timeoutSeconds, intervalSeconds));

    /// <summary>
    /// The next scrape one interval after the one planned, keeping the target's phase however late the scrape
    /// started; a target more than an interval behind skips the slots it missed.
    /// </summary>
    public static DateTimeOffset NextInPhase(DateTimeOffset planned, DateTimeOffset started, double intervalSeconds)
    {
        var interval = TimeSpan.FromSeconds(intervalSeconds);
        var next = planned + interval;
        return next > started ? next : next + interval * Math.Ceiling((started - next) / interval + 1e-9);
    }

    /// <summary>
    /// The next scrape after a failed one: the next slot for a missed round; for a refusal, the interval doubled per
    /// failure in a row (<paramref name="failuresInARow"/> counts this one), at most <paramref name="maxBackoffSeconds"/>
    /// and never sooner than the next slot.
    /// </summary>
    public static DateTimeOffset AfterFailure(
        ScrapeFailure failure, int failuresInARow, DateTimeOffset planned, DateTimeOffset started, double intervalSeconds, double maxBackoffSeconds)
    {
        var next = NextInPhase(planned, started, intervalSeconds);
        if (failure == ScrapeFailure.Missed)
        {
            return next;
        }

        var backoff = TimeSpan.FromSeconds(Math.Min(maxBackoffSeconds, intervalSeconds * Math.Pow(2, Math.Min(failuresInARow, 62) - 1)));
        return started + backoff > next ? started + backoff : next;
    }
}
