using TokenFactoryTwin.Domain.Telemetry.Scraping;

namespace TokenFactoryTwin.UnitTests.Scraping;

/// <summary>
/// A target's rounds walked on a made-up clock: each round starts at its slot (plus a little lateness), fails or
/// not as the case says, and the schedule says when the next starts.
/// </summary>
public sealed class ScrapeScheduleTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 6, 0, 0, TimeSpan.Zero);
    private const double Interval = 1;
    private const double MaxBackoff = 8;

    /// <summary>
    /// For <paramref name="rounds"/> rounds that all fail the same way, each started a little after its slot: from
    /// one slot to the next, and from the start of the failed scrape to the next slot, in seconds.
    /// </summary>
    private static List<(double FromSlot, double FromStart)> GapsWhenFailing(ScrapeFailure failure, int rounds)
    {
        var gaps = new List<(double, double)>();
        var planned = Start;
        for (var failures = 1; failures <= rounds; failures++)
        {
            var started = planned.AddMilliseconds(15); // picked up a tick late
            var next = ScrapeSchedule.AfterFailure(failure, failures, planned, started, Interval, MaxBackoff);
            gaps.Add(((next - planned).TotalSeconds, (next - started).TotalSeconds));
            planned = next;
        }

        return gaps;
    }

    [Fact]
    public void A_target_that_times_out_is_tried_again_every_interval_on_its_phase()
    {
        var gaps = GapsWhenFailing(ScrapeFailure.Missed, 20);

        Assert.All(gaps, gap => Assert.Equal(Interval, gap.FromSlot, 9));
    }

    [Fact]
    public void A_target_that_refuses_waits_twice_as_long_after_each_failure_up_to_the_ceiling()
    {
        var gaps = GapsWhenFailing(ScrapeFailure.Refused, 7);

        Assert.Equal([1.0, 2, 4, 8, 8, 8, 8], gaps.Select(g => Math.Round(g.FromStart, 6)));
    }

    [Fact]
    public void A_target_back_after_refusing_is_scraped_every_interval_again()
    {
        var refused = ScrapeSchedule.AfterFailure(ScrapeFailure.Refused, 3, Start, Start, Interval, MaxBackoff);
        var next = ScrapeSchedule.NextInPhase(refused, refused.AddMilliseconds(3), Interval);

        Assert.Equal(Start.AddSeconds(4), refused);
        Assert.Equal(refused.AddSeconds(Interval), next);
    }

    [Fact]
    public void A_round_that_started_more_than_an_interval_late_skips_the_slots_it_missed_and_keeps_its_phase()
    {
        var next = ScrapeSchedule.NextInPhase(Start, Start.AddSeconds(2.5), Interval);

        Assert.Equal(Start.AddSeconds(3), next);
    }

    [Fact]
    public void Many_failures_in_a_row_do_not_overflow_the_wait()
    {
        var next = ScrapeSchedule.AfterFailure(ScrapeFailure.Refused, int.MaxValue, Start, Start, Interval, 300);

        Assert.Equal(Start.AddSeconds(300), next);
    }

    [Theory]
    [InlineData(5, 1, 1)]
    [InlineData(0.5, 1, 0.5)]
    [InlineData(10, 15, 10)]
    public void A_scrape_never_waits_past_its_interval(double timeout, double interval, double expected)
    {
        Assert.Equal(TimeSpan.FromSeconds(expected), ScrapeSchedule.Timeout(timeout, interval));
    }

    [Fact]
    public void Targets_keep_their_phase_and_are_spread_over_the_interval()
    {
        var phases = Enumerable.Range(0, 2000).Select(i => ScrapeSchedule.Phase($"host-{i}", Interval).TotalSeconds).ToList();

        Assert.All(phases, p => Assert.InRange(p, 0, Interval));
        Assert.True(phases.Count(p => p < 0.5) is > 800 and < 1200, "about half the targets in each half of the interval");
        Assert.Equal(ScrapeSchedule.Phase("host-7", Interval), ScrapeSchedule.Phase("host-7", Interval));
    }
}
