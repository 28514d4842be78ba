using TokenFactoryTwin.Abstractions.Kpis;
using TokenFactoryTwin.Domain.Power;

namespace TokenFactoryTwin.UnitTests.Power;

public sealed class PowerNodeSourcesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 15, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(5);

    private static PowerLoadReport Cord(string rack, long version, double kw, DateTimeOffset? asOf = null) =>
        new(rack, version, asOf ?? T0.AddSeconds(version), kw, 2 * kw);

    private static RackLoadBatch Batch(string hall, long version, params PowerLoadReport[] loads) => new(hall, version, loads);

    [Fact]
    public void A_batch_adds_each_racks_cord_load()
    {
        var sources = new PowerNodeSources();

        Assert.True(sources.Offer(Batch("hall-1", 1, Cord("r1", 1, 67.5), Cord("r2", 1, 60)), T0));

        var sum = sources.Sum(T0, StaleAfter);
        Assert.Equal(127.5, sum.LoadKw, 9);
        Assert.Equal(255, sum.LoadIfPartnerLostKw, 9);
        Assert.Equal(2, sum.Sources);
        Assert.Equal(0, sum.StaleSources);
    }

    [Fact]
    public void A_rack_the_hall_no_longer_lists_leaves_the_node_and_other_halls_racks_stay()
    {
        var sources = new PowerNodeSources();
        sources.Offer(Batch("hall-1", 1, Cord("r1", 1, 50), Cord("r2", 1, 50)), T0);
        sources.Offer(Batch("hall-2", 1, Cord("x1", 1, 30)), T0);

        // r2 was removed from hall 1, or its cord moved to another node.
        sources.Offer(Batch("hall-1", 2, Cord("r1", 2, 50)), T0.AddSeconds(1));

        var sum = sources.Sum(T0.AddSeconds(1), StaleAfter);
        Assert.Equal(80, sum.LoadKw, 9);
        Assert.Equal(2, sum.Sources);
    }

    [Fact]
    public void An_empty_batch_lets_go_of_every_rack_of_its_hall()
    {
        var sources = new PowerNodeSources();
        sources.Offer(Batch("hall-1", 1, Cord("r1", 1, 50)), T0);
        sources.Offer(new PowerLoadReport("bw-2", 1, T0, 10, 20), T0);

        sources.Offer(Batch("hall-1", 2), T0.AddSeconds(1));

        var sum = sources.Sum(T0.AddSeconds(1), StaleAfter);
        Assert.Equal(10, sum.LoadKw, 9);
        Assert.Equal(1, sum.Sources);
    }

    [Fact]
    public void A_silent_rack_keeps_its_last_load_and_turns_stale_when_its_version_stops_advancing()
    {
        var sources = new PowerNodeSources();
        sources.Offer(Batch("hall-1", 1, Cord("r1", 1, 50), Cord("r2", 1, 40)), T0);

        // The hall keeps listing r2 with the snapshot it last had; r1 goes on reporting.
        for (var s = 1; s <= 6; s++)
        {
            sources.Offer(Batch("hall-1", 1 + s, Cord("r1", 1 + s, 50), Cord("r2", 1, 40)), T0.AddSeconds(s));
        }

        var sum = sources.Sum(T0.AddSeconds(6), StaleAfter);
        Assert.Equal(90, sum.LoadKw, 9); // still drawing power
        Assert.Equal(2, sum.Sources);
        Assert.Equal(1, sum.StaleSources);
        Assert.Equal(T0.AddSeconds(7), sum.LoadAsOf); // the oldest fresh reading: r1's, not the stale r2's
    }

    [Fact]
    public void A_replayed_or_older_batch_changes_nothing()
    {
        var sources = new PowerNodeSources();
        sources.Offer(Batch("hall-1", 1, Cord("r1", 1, 50), Cord("r2", 1, 50)), T0);
        sources.Offer(Batch("hall-1", 2, Cord("r1", 2, 55)), T0.AddSeconds(1));

        Assert.False(sources.Offer(Batch("hall-1", 1, Cord("r1", 1, 50), Cord("r2", 1, 50)), T0.AddSeconds(1)));
        Assert.False(sources.Offer(Batch("hall-1", 2, Cord("r1", 2, 55)), T0.AddSeconds(1)));

        var sum = sources.Sum(T0.AddSeconds(1), StaleAfter);
        Assert.Equal(55, sum.LoadKw, 9);
        Assert.Equal(1, sum.Sources);
    }

    [Fact]
    public void An_older_snapshot_of_a_rack_in_a_newer_batch_does_not_replace_its_newer_load()
    {
        var sources = new PowerNodeSources();
        sources.Offer(Batch("hall-1", 1, Cord("r1", 5, 50)), T0);

        sources.Offer(Batch("hall-1", 2, Cord("r1", 4, 99)), T0.AddSeconds(1));

        Assert.Equal(50, sources.Sum(T0.AddSeconds(1), StaleAfter).LoadKw, 9);
    }

    [Fact]
    public void A_rack_that_moved_to_another_hall_is_not_dropped_by_its_old_halls_next_batch()
    {
        var sources = new PowerNodeSources();
        sources.Offer(Batch("hall-1", 1, Cord("r1", 1, 50)), T0);
        sources.Offer(Batch("hall-2", 1, Cord("r1", 2, 50)), T0.AddSeconds(1));

        sources.Offer(Batch("hall-1", 2), T0.AddSeconds(1));

        Assert.Equal(50, sources.Sum(T0.AddSeconds(1), StaleAfter).LoadKw, 9);
    }

    [Fact]
    public void A_forgotten_rack_leaves_at_once_and_downstream_nodes_stay_until_forgotten()
    {
        var sources = new PowerNodeSources();
        sources.Offer(Batch("hall-1", 1, Cord("r1", 1, 50), Cord("r2", 1, 50)), T0);
        sources.Offer(new PowerLoadReport("bw-2", 1, T0, 10, 20), T0);

        sources.Forget("r1");
        var sum = sources.Sum(T0.AddSeconds(60), StaleAfter);

        Assert.Equal(60, sum.LoadKw, 9);
        Assert.Equal(2, sum.StaleSources);
        Assert.Null(sum.LoadAsOf); // nothing fresh
    }

    [Fact]
    public void A_node_is_one_level_above_its_highest_source()
    {
        var busway = new PowerNodeSources();
        var ups = new PowerNodeSources();
        var feed = new PowerNodeSources();
        Assert.Equal(1, busway.Sum(T0, StaleAfter).Height);

        busway.Offer(Batch("hall-1", 1, Cord("r1", 1, 50)), T0);
        ups.Offer(new PowerLoadReport("bw-1", 1, T0, 50, 100, busway.Sum(T0, StaleAfter).Height), T0);
        ups.Offer(new PowerLoadReport("pdu-1", 1, T0, 5, 10, Height: 2), T0);
        feed.Offer(new PowerLoadReport("ups-1", 1, T0, 55, 110, ups.Sum(T0, StaleAfter).Height), T0);

        Assert.Equal(1, busway.Sum(T0, StaleAfter).Height);
        Assert.Equal(3, ups.Sum(T0, StaleAfter).Height);
        Assert.Equal(4, feed.Sum(T0, StaleAfter).Height);
    }
}
