using CsCheck;
using TokenFactoryTwin.Domain.Telemetry;

namespace TokenFactoryTwin.UnitTests.Telemetry;

/// <summary>
/// Counters as real exporters deliver them: restarts, lost scrapes, repeated and late samples. Whatever arrives, a
/// rate is never negative and the tokens it counts never exceed what the counter really added; with nothing lost,
/// it counts exactly that.
/// </summary>
public sealed class CounterProperties
{
    /// <summary>One scrape of a counter: when, the value it showed, and how much it really added since the last scrape.</summary>
    private sealed record Scrape(long TimestampMs, double Value, double Added);

    /// <summary>
    /// A counter's true history: each step adds some tokens, or restarts the process (the counter then shows only what
    /// was added since the restart, lower than before, as a real restart does).
    /// </summary>
    private static readonly Gen<List<Scrape>> History =
        Gen.Select(Gen.Int[1, 5_000], Gen.Double[0, 1e6], Gen.Int[0, 9], Gen.Double[0, 0.99]).List[2, 60].Select(steps =>
        {
            var scrapes = new List<Scrape>();
            long t = 1_700_000_000_000;
            double value = 0;
            foreach (var (dt, added, die, restartFraction) in steps)
            {
                t += dt;
                var restart = die == 0 && value > 0;
                var next = restart ? value * restartFraction : value + added;
                scrapes.Add(new Scrape(t, next, restart ? next : added));
                value = next;
            }

            return scrapes;
        });

    /// <summary>What reaches the twin: each scrape in turn, some twice, some lost, some older ones delivered again late.</summary>
    private static readonly Gen<(List<Scrape> History, List<Scrape> Delivered, bool Lossless)> Deliveries =
        Gen.Select(History, Gen.Int[0, 3].Array[60], Gen.Int[0, 59].Array[60], Gen.Bool).Select((history, fate, late, lossless) =>
        {
            var delivered = new List<Scrape>();
            for (var k = 0; k < history.Count; k++)
            {
                if (!lossless && fate[k] == 0 && k > 0)
                {
                    continue; // lost
                }

                delivered.Add(history[k]);
                if (fate[k] == 1)
                {
                    delivered.Add(history[k]); // repeated
                }

                if (fate[k] == 2)
                {
                    delivered.Add(history[Math.Min(late[k], k)]); // an older one, late
                }
            }

            return (history, delivered, lossless);
        });

    [Fact]
    public void Rates_are_never_negative_and_never_count_more_than_the_counter_added()
    {
        Deliveries.Sample((history, delivered, lossless) =>
        {
            var track = default(CounterTrack);
            double counted = 0;
            long first = 0, last = 0, previous = 0;
            foreach (var scrape in delivered)
            {
                if (!track.Observe(scrape.Value, scrape.TimestampMs))
                {
                    continue;
                }

                if (track.Rate < 0)
                {
                    return false;
                }

                if (previous != 0)
                {
                    counted += track.Rate * (scrape.TimestampMs - previous) / 1000.0;
                }

                first = first == 0 ? scrape.TimestampMs : first;
                last = previous = scrape.TimestampMs;
            }

            var added = history.Where(s => s.TimestampMs > first && s.TimestampMs <= last).Sum(s => s.Added);
            var tolerance = 1e-9 * Math.Max(1, added);
            return counted <= added + tolerance && (!lossless || Math.Abs(counted - added) <= tolerance);
        }, iter: 2_000);
    }
}
