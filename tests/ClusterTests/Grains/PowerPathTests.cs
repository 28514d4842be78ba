using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.ClusterTests.Infrastructure;

namespace TokenFactoryTwin.ClusterTests.Grains;

[Collection(TwinClusterCollection.Name)]
public sealed class PowerPathTests(TwinClusterFixture fixture)
{
    [Fact]
    public async Task Power_nodes_carry_half_of_each_rack_with_both_sides_up_and_all_of_it_with_one_lost()
    {
        var id = TestFacilities.NewId();
        var spec = TestFacilities.TwoHalls(id, h200Racks: 4, gb300Racks: 3, level: 1.0);
        var facility = fixture.Grains.GetGrain<IFacilityKpiGrain>(TwinKeys.Facility(id));
        var topology = fixture.Grains.GetGrain<IFacilityTopologyGrain>(TwinKeys.Facility(id));
        await topology.Start(spec, TestFacilities.FastTiming);

        // At full load without noise each rack draws exactly its catalog IT power: 42.8 kW (H200) and 135 kW (GB300).
        // Each node's status travels up its own branch of the tree, so the feed may show its load a period before a
        // busway shows its own: wait for every node this test reads.
        var power = await Eventually.Get(facility.GetPower,
            p => Math.Abs(p.Single(n => n.Id == "feed-a").LoadKw - (4 * 42.8 + 3 * 135) / 2) < 0.01
                && new[] { ("bw-1a", 4 * 42.8 / 2), ("bw-1b", 4 * 42.8 / 2), ("bw-2a", 3 * 135 / 2.0), ("bw-2b", 3 * 135 / 2.0) }
                    .All(b => Math.Abs(p.Single(n => n.Id == b.Item1).LoadKw - b.Item2) < 0.01)
                && Math.Abs(p.Single(n => n.Id == "ups-a").LoadKw - (4 * 42.8 + 3 * 135) / 2) < 0.01,
            what: "the feed, its UPS and every busway carrying their halves of the racks' IT load");
        var node = power.ToDictionary(n => n.Id);

        Assert.Equal(4 * 42.8 / 2, node["bw-1a"].LoadKw, 6);
        Assert.Equal(4 * 42.8 / 2, node["bw-1b"].LoadKw, 6);
        Assert.Equal(4 * 42.8, node["bw-1a"].LoadIfPartnerLostKw, 6);
        Assert.Equal(3 * 135.0, node["bw-2b"].LoadIfPartnerLostKw, 6);
        Assert.Equal(node["bw-1a"].LoadKw + node["bw-2a"].LoadKw, node["ups-a"].LoadKw, 6);
        Assert.Equal(4 * 42.8 + 3 * 135, node["ups-a"].LoadIfPartnerLostKw, 6);
        Assert.Equal(575 * 0.8, node["bw-1a"].DeratedKw, 9);
        Assert.Equal(node["bw-1a"].DeratedKw - node["bw-1a"].LoadKw, node["bw-1a"].HeadroomKw, 9);
        Assert.Equal(4, node["bw-1a"].Sources);

        // 3 x 135 kW = 405 kW with the partner lost still fits 640 kW derated; the N+1 check passes everywhere.
        Assert.All(power, n => Assert.False(n.OverIfPartnerLost, n.Id));
    }

    [Fact]
    public async Task A_busway_that_cannot_carry_its_racks_alone_fails_the_n_plus_1_check()
    {
        var id = TestFacilities.NewId();
        var spec = TestFacilities.TwoHalls(id, h200Racks: 0, gb300Racks: 5, level: 1.0);
        var facility = fixture.Grains.GetGrain<IFacilityKpiGrain>(TwinKeys.Facility(id));
        var topology = fixture.Grains.GetGrain<IFacilityTopologyGrain>(TwinKeys.Facility(id));
        await topology.Start(spec, TestFacilities.FastTiming);

        var power = await Eventually.Get(facility.GetPower, p => p.Single(n => n.Id == "bw-2a").Sources == 5 && p.Single(n => n.Id == "bw-2a").LoadKw > 300,
            what: "five GB300 racks on busway 2A");
        var busway = power.Single(n => n.Id == "bw-2a");

        Assert.Equal(5 * 135 / 2.0, busway.LoadKw, 6);
        Assert.False(busway.OverDerated); // 337.5 kW of 640 kW
        Assert.True(busway.OverIfPartnerLost); // 675 kW of 640 kW if feed B is lost
    }
}
