using TokenFactoryTwin.Abstractions.Kpis;
using TokenFactoryTwin.Domain.Kpis.History;

namespace TokenFactoryTwin.UnitTests.Kpis.History;

/// <summary>
/// A series stores chunks of time, not its window: a sealed minute once, the open one at checkpoints, the day tier an
/// hour's record as its minutes seal; and what it stored merges back after a fault, leaving a gap, not a hole in time.
/// </summary>
public sealed class KpiTimelineTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static KpiPoint Point(DateTimeOffset at, double tokens = 1000, double? cost = 2.5) =>
        new(at, tokens, 100, tokens * 10, cost);

    private static KpiTimeline Fed(KpiTimelineShape shape, int seconds, List<HistoryRecord> stored, DateTimeOffset? from = null)
    {
        var timeline = new KpiTimeline(shape);
        Feed(timeline, seconds, stored, from ?? Start);
        return timeline;
    }

    private static void Feed(KpiTimeline timeline, int seconds, List<HistoryRecord> stored, DateTimeOffset from)
    {
        for (var s = 0; s < seconds; s++)
        {
            var at = from.AddSeconds(s);
            timeline.Add(Point(at, 1000 + s));
            stored.AddRange(timeline.TakeDue(at));
        }
    }

    /// <summary>The newest record under each name, as a store holds them.</summary>
    private static Dictionary<string, HistoryChunk> Store(IEnumerable<HistoryRecord> records)
    {
        var store = new Dictionary<string, HistoryChunk>();
        foreach (var r in records)
        {
            store[r.Name] = r.Chunk;
        }

        return store;
    }

    [Fact]
    public void A_rack_stores_each_sealed_minute_once_and_nothing_in_between()
    {
        var stored = new List<HistoryRecord>();
        Fed(KpiTimelineShape.RecentRack(0), 180, stored);

        // Seconds 0–59 and 60–119 sealed; 120–179 is still open.
        Assert.Equal(2, stored.Count);
        Assert.All(stored, r => Assert.Equal(60, r.Chunk.OffsetsMs.Count));
        Assert.NotEqual(stored[0].Name, stored[1].Name);
    }

    [Fact]
    public void A_racks_chunks_start_at_its_own_second_of_the_minute()
    {
        var stored = new List<HistoryRecord>();
        Fed(KpiTimelineShape.RecentRack(0.5), 90, stored);

        var sealedChunk = Assert.Single(stored);
        Assert.Equal(30, sealedChunk.Chunk.OffsetsMs.Count); // seconds 0–29, then the chunk from :30 seals at :90
        Assert.Equal(Start.AddSeconds(-30).UtcTicks, sealedChunk.Chunk.FromTicks);
    }

    [Fact]
    public void The_facility_checkpoints_its_open_minute_and_writes_the_hour_of_the_day_tier_as_minutes_seal()
    {
        var stored = new List<HistoryRecord>();
        var timeline = Fed(KpiTimelineShape.HourAndDay, 125, stored);

        var flush = stored.Where(r => r.Name.StartsWith("history-s", StringComparison.Ordinal)).ToList();
        var day = stored.Where(r => r.Name.StartsWith("history-m", StringComparison.Ordinal)).ToList();
        // Every 10 s of a minute, and each minute sealed: a bounded number of small writes, never the hour.
        Assert.InRange(flush.Count, 12, 16);
        Assert.All(flush, r => Assert.InRange(r.Chunk.OffsetsMs.Count, 1, 60));
        Assert.Equal(2, day.Count);
        Assert.Equal(2, day[^1].Chunk.OffsetsMs.Count);
        Assert.Equal(2, timeline.Day().Count);
    }

    [Fact]
    public void A_minute_of_the_day_tier_is_the_mean_of_its_points()
    {
        var points = new[] { Point(Start, 100, 2), Point(Start.AddSeconds(1), 300, null), Point(Start.AddSeconds(2), 200, 4) };

        var minute = KpiDownsampling.Mean(Start, points);

        Assert.Equal(200, minute.TokensPerSecond);
        Assert.Equal(2000, minute.TokensPerSecondPerMegawatt);
        Assert.Equal(3, minute.CostPerMillionTokensUsd);
        Assert.Null(KpiDownsampling.Mean(Start, [Point(Start, cost: null)]).CostPerMillionTokensUsd);
    }

    [Fact]
    public void The_day_tier_keeps_1440_minutes()
    {
        var timeline = new KpiTimeline(KpiTimelineShape.HourAndDay);
        for (var m = 0; m < 1500; m++)
        {
            timeline.Add(Point(Start.AddMinutes(m)));
        }

        var day = timeline.Day();
        Assert.Equal(KpiTimeline.DayPoints, day.Count);
        Assert.Equal(Start.AddMinutes(1498), day[^1].AsOf); // the newest minute is still open
    }

    [Fact]
    public void After_a_fault_the_stored_history_comes_back_with_a_gap_of_the_unstored_part_and_the_downtime()
    {
        var stored = new List<HistoryRecord>();
        Fed(KpiTimelineShape.HourAndDay, 135, stored);
        var store = Store(stored);

        // Killed at 12:02:15 (the last checkpoint was at 12:02:10); back 20 s later.
        var back = Start.AddSeconds(155);
        var restored = new KpiTimeline(KpiTimelineShape.HourAndDay);
        restored.Restore(restored.FlushRecordNames.Where(store.ContainsKey).Select(n => store[n]),
            restored.DayRecordNames.Where(store.ContainsKey).Select(n => store[n]), back);
        var after = new List<HistoryRecord>();
        Feed(restored, 30, after, back);

        var recent = restored.Recent();
        Assert.Equal(Start, recent[0].AsOf);
        var gap = Assert.Single(KpiGaps.Find(recent, TimeSpan.FromSeconds(1)));
        Assert.InRange(gap.From, Start.AddSeconds(125), Start.AddSeconds(134));
        Assert.Equal(back, gap.To);
        Assert.Equal(2, restored.Day().Count(p => p.AsOf < Start.AddMinutes(2)));

        // The open minute carried on: its next record still holds the points stored before the fault.
        var minuteTwo = after.Last(r => r.Chunk.FromTicks == Start.AddMinutes(2).UtcTicks).Chunk;
        Assert.Contains(minuteTwo.Points(), p => p.AsOf < back && p.AsOf >= Start.AddMinutes(2));
        Assert.Contains(minuteTwo.Points(), p => p.AsOf >= back);
    }

    [Fact]
    public void A_restore_merges_with_points_added_meanwhile_keeps_each_once_and_drops_what_left_the_window()
    {
        var stored = new List<HistoryRecord>();
        Fed(KpiTimelineShape.RecentRack(0), 600, stored);
        var store = Store(stored);

        var now = Start.AddSeconds(605);
        var timeline = new KpiTimeline(KpiTimelineShape.RecentRack(0));
        timeline.Add(Point(now));
        timeline.Restore(store.Values.Concat(store.Values), [], now);

        var recent = timeline.Recent();
        Assert.Equal(recent.Count, recent.Select(p => p.AsOf).Distinct().Count());
        Assert.True(recent.Zip(recent.Skip(1)).All(pair => pair.First.AsOf < pair.Second.AsOf));
        Assert.All(recent, p => Assert.True(p.AsOf > now.AddMinutes(-5)));
        Assert.Equal(now, recent[^1].AsOf);
        Assert.Equal(Start.AddSeconds(539), recent[^2].AsOf); // the last sealed minute; 540–599 were never stored
    }

    [Fact]
    public void A_point_no_newer_than_the_last_is_dropped()
    {
        var timeline = new KpiTimeline(KpiTimelineShape.RecentRack(0));
        timeline.Add(Point(Start.AddSeconds(1)));
        timeline.Add(Point(Start.AddSeconds(1)));
        timeline.Add(Point(Start));

        Assert.Single(timeline.Recent());
    }

    [Fact]
    public void Going_away_stores_the_open_chunk_at_once()
    {
        var stored = new List<HistoryRecord>();
        var timeline = Fed(KpiTimelineShape.RecentRack(0), 30, stored);
        Assert.Empty(stored);

        var open = Assert.Single(timeline.TakeDue(Start.AddSeconds(30), open: true));
        Assert.Equal(30, open.Chunk.OffsetsMs.Count);
        Assert.Empty(timeline.TakeDue(Start.AddSeconds(31), open: true));
    }

    [Fact]
    public void A_chunk_round_trips_its_points_and_a_damaged_one_yields_none()
    {
        var points = new[] { Point(Start, 1, null), new KpiPoint(Start.AddSeconds(1), 2, double.NaN, 3, 4) };
        var chunk = HistoryChunk.Of(Start.UtcTicks, points);

        var back = chunk.Points().ToList();
        Assert.Equal(points[0], back[0]);
        Assert.True(double.IsNaN(back[1].FacilityPowerKw));
        Assert.Equal(4, back[1].CostPerMillionTokensUsd);

        chunk.PowerKw.RemoveAt(0);
        Assert.Empty(chunk.Points());
    }

    [Fact]
    public void Gaps_are_points_more_than_two_periods_apart()
    {
        var points = new[] { Point(Start), Point(Start.AddSeconds(1)), Point(Start.AddSeconds(3)), Point(Start.AddSeconds(40)), Point(Start.AddSeconds(41)) };

        var gap = Assert.Single(KpiGaps.Find(points, TimeSpan.FromSeconds(1)));

        Assert.Equal(TimeSpan.FromSeconds(37), gap.Length);
        Assert.Empty(KpiGaps.Find([], TimeSpan.FromSeconds(1)));
    }
}
