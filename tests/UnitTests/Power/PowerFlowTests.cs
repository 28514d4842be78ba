using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Domain.Power;

namespace TokenFactoryTwin.UnitTests.Power;

public sealed class PowerFlowTests
{
    private static readonly PowerNodeSpec[] Nodes =
    [
        new("feed-a", "Feed A", PowerNodeKind.UtilityFeed, "A", 1000),
        new("feed-b", "Feed B", PowerNodeKind.UtilityFeed, "B", 1000),
        new("bw-a", "Busway A", PowerNodeKind.Busway, "A", 300, "feed-a"),
        new("bw-b", "Busway B", PowerNodeKind.Busway, "B", 300, "feed-b"),
    ];

    private static readonly RackPowerDemand[] Racks =
    [
        new("r1", "bw-a", "bw-b", 135),
        new("r2", "bw-a", "bw-b", 135),
    ];

    [Fact]
    public void With_both_sides_up_each_cord_carries_half_and_must_be_able_to_carry_all()
    {
        var result = PowerFlow.Evaluate(Nodes, Racks);

        Assert.Equal(135, result.Node("bw-a").LoadKw, 9);
        Assert.Equal(135, result.Node("bw-b").LoadKw, 9);
        Assert.Equal(270, result.Node("bw-a").LoadIfPartnerLostKw, 9);
        Assert.Equal(135, result.Node("feed-a").LoadKw, 9);
        // 135 kW now is within 240 kW derated (300 x 0.8), but 270 kW with the partner lost is not: N+1 fails.
        Assert.True(result.Node("bw-a").LoadKw <= result.Node("bw-a").DeratedKw);
        Assert.False(result.Node("bw-a").Ok);
    }

    [Fact]
    public void Losing_a_feed_moves_every_rack_to_the_surviving_side_and_breaks_what_cannot_carry_it()
    {
        var result = PowerFlow.Evaluate(Nodes, Racks, new HashSet<string> { "feed-a" });

        Assert.True(result.Node("bw-a").Failed);
        Assert.Equal(0, result.Node("bw-a").LoadKw);
        Assert.Equal(270, result.Node("bw-b").LoadKw, 9);
        Assert.Equal(270, result.Node("feed-b").LoadKw, 9);
        Assert.False(result.Node("bw-b").Ok); // 270 kW on 240 kW derated
        Assert.True(result.Node("feed-b").Ok);
        Assert.Empty(result.UnpoweredRacks);
    }

    [Fact]
    public void A_rack_with_both_cords_dead_is_unpowered()
    {
        var result = PowerFlow.Evaluate(Nodes, Racks, new HashSet<string> { "feed-a", "bw-b" });

        Assert.Equal(["r1", "r2"], result.UnpoweredRacks);
        Assert.All(result.Nodes, n => Assert.Equal(0, n.LoadKw));
    }

    [Fact]
    public void A_single_corded_rack_puts_all_its_load_on_its_one_cord()
    {
        var result = PowerFlow.Evaluate(Nodes, [new RackPowerDemand("r1", "bw-a", null, 100)]);

        Assert.Equal(100, result.Node("bw-a").LoadKw, 9);
        Assert.Equal(0, result.Node("bw-b").LoadKw, 9);
    }
}
