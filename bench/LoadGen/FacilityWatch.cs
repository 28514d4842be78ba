using System.Text.Json;

namespace TokenFactoryTwin.LoadGen;

/// <summary>
/// Polls the facility KPI every 100 ms and works out, for each step of the synthetic token rate, how long after
/// the step's first sample timestamp the facility figure showed it (within 5 % of the step): the freshness. Hands
/// every reading to a <see cref="StartupProbe"/>, when given, to time the twin's start, and to a
/// <see cref="StartupTimeline"/> until the start is over.
/// </summary>
public sealed class FacilityWatch(TwinHttp twin, StartupProbe? startup = null, StartupTimeline? timeline = null)
{
    private const double Band = 0.05;
    private readonly List<(DateTimeOffset At, double TokensPerSecond)> _readings = [];

    public async Task Run(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                startup?.PollSiloLog(DateTimeOffset.UtcNow);
                var kpis = await twin.Get("/api/facility");
                var at = DateTimeOffset.UtcNow;
                timeline?.Reading(kpis);
                startup?.Observe(kpis, at);
                if (startup?.Complete == true)
                {
                    timeline?.Close();
                }

                _readings.Add((at, kpis.GetProperty("tokensPerSecond").GetDouble()));
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException or InvalidOperationException or IOException)
            {
                // A missed reading is a gap in the record, not a failure of the run.
            }

            try
            {
                await Task.Delay(100, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <param name="steps">Each step: its first sample's timestamp and the facility-wide change it makes (tokens/s).</param>
    /// <returns>Freshness per step in milliseconds; steps never seen are left out and counted.</returns>
    public (List<double> FreshnessMs, int Missed) Freshness(IEnumerable<(DateTimeOffset At, double Change)> steps, TimeSpan stepPeriod)
    {
        var found = new List<double>();
        var missed = 0;
        foreach (var (at, change) in steps)
        {
            var before = _readings.LastOrDefault(r => r.At < at);
            if (before.At == default)
            {
                continue;
            }

            var target = before.TokensPerSecond + change;
            var seen = _readings.FirstOrDefault(r => r.At >= at && r.At < at + stepPeriod && Math.Abs(r.TokensPerSecond - target) <= Band * Math.Abs(change));
            if (seen.At == default)
            {
                missed++;
            }
            else
            {
                found.Add((seen.At - at).TotalMilliseconds);
            }
        }

        return (found, missed);
    }
}
