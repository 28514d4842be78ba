using TokenFactoryTwin.Abstractions.Kpis;
using TokenFactoryTwin.Domain.Power;

namespace TokenFactoryTwin.UnitTests.Power;

public sealed class CordLoadRouterTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 15, 0, 0, TimeSpan.Zero);

    private static RackSnapshot Rack(string id, string powerA, string? powerB, double kw, long version = 1)
    {
        var (a, b) = CordSplit.Split(kw, powerB is not null);
        return new RackSnapshot(id, "hall-1", "gb300-nvl72", "gb300", version, T0, 72, 72, 0, 0, 0, kw, 0, 0, 0, 0, "simulated", false, false, 1, 1,
            new CordLoads(powerA, a.LoadKw, a.LoadIfPartnerLostKw, powerB, b.LoadKw, b.LoadIfPartnerLostKw));
    }

    [Fact]
    public void Each_node_gets_one_batch_with_the_cords_plugged_into_it()
    {
        var router = new CordLoadRouter();

        var batches = router.Route([Rack("r1", "bw-1a", "bw-1b", 100), Rack("r2", "bw-1a", "bw-1b", 60), Rack("r3", "bw-2a", null, 30)]);

        Assert.Equal(["bw-1a", "bw-1b", "bw-2a"], batches.Keys.Order());
        Assert.Equal(["r1", "r2"], batches["bw-1a"].Select(l => l.SourceId));
        Assert.Equal(80, batches["bw-1a"].Sum(l => l.LoadKw), 9);
        Assert.Equal(160, batches["bw-1b"].Sum(l => l.LoadIfPartnerLostKw), 9);
        var single = Assert.Single(batches["bw-2a"]);
        Assert.Equal((30.0, 30.0), (single.LoadKw, single.LoadIfPartnerLostKw));
        Assert.All(batches.Values.SelectMany(l => l), l => Assert.Equal((1L, T0), (l.Version, l.AsOf)));
    }

    [Fact]
    public void A_node_left_without_racks_of_the_hall_gets_one_empty_batch_then_none()
    {
        var router = new CordLoadRouter();
        router.Route([Rack("r1", "bw-1a", "bw-1b", 100)]);

        // r1's A cord moved to bw-3a.
        var moved = router.Route([Rack("r1", "bw-3a", "bw-1b", 100, version: 2)]);
        var after = router.Route([Rack("r1", "bw-3a", "bw-1b", 100, version: 3)]);

        Assert.Empty(moved["bw-1a"]);
        Assert.Single(moved["bw-3a"]);
        Assert.False(after.ContainsKey("bw-1a"));
    }

    [Fact]
    public void A_snapshot_without_cord_loads_is_routed_nowhere()
    {
        var router = new CordLoadRouter();

        Assert.Empty(router.Route([Rack("r1", "bw-1a", "bw-1b", 100) with { Cords = null }]));
    }
}
