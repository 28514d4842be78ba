using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.ClusterTests.Infrastructure;

namespace TokenFactoryTwin.ClusterTests.Grains;

/// <summary>
/// Power nodes pass their statuses up the tree with their loads, and only a tree's root tells the facility: what
/// operators read of every node — load, headroom, the partner-lost check — must still be each node's own figures.
/// </summary>
[Collection(TwinClusterCollection.Name)]
public sealed class PowerTreeStagingTests(TwinClusterFixture fixture)
{
    [Fact]
    public async Task Every_nodes_status_reaches_the_facility_through_its_trees_root()
    {
        var id = TestFacilities.NewId();
        var spec = TestFacilities.TwoHalls(id, h200Racks: 2, gb300Racks: 2, level: 1.0);
        var facility = fixture.Grains.GetGrain<IFacilityKpiGrain>(TwinKeys.Facility(id));
        await fixture.Grains.GetGrain<IFacilityTopologyGrain>(TwinKeys.Facility(id)).Start(spec, TestFacilities.FastTiming);

        // Busways hang below UPSs below feeds: a busway's status reaches the facility only through its UPS and feed.
        var power = await Eventually.Get(facility.GetPower,
            p => p.All(n => n.Version > 0 && n.LoadKw > 0) && Math.Abs(p.Single(n => n.Id == "feed-a").LoadKw - (2 * 42.8 + 2 * 135) / 2) < 0.01,
            what: "every node's status, with its load, at the facility");

        Assert.Equal(spec.PowerNodes.Select(n => n.Id), power.Select(n => n.Id));
        foreach (var held in power)
        {
            var own = await fixture.Grains.GetGrain<IPowerNodeGrain>(TwinKeys.PowerNode(id, held.Id)).GetStatus();
            Assert.NotNull(own);
            Assert.True(held.Version <= own.Version, held.Id);
            Assert.Equal(own.LoadKw, held.LoadKw, 6);
            Assert.Equal(own.LoadIfPartnerLostKw, held.LoadIfPartnerLostKw, 6);
            Assert.Equal(own.HeadroomKw, held.HeadroomKw, 6);
            Assert.Equal(own.Upstream, held.Upstream);
            Assert.Equal(own.Sources, held.Sources);
        }

        // And they keep coming, every period: a busway's newer status reaches the facility through its tree again.
        var busway = power.Single(n => n.Id == "bw-2a");
        await Eventually.Get(facility.GetPower, p => p.Single(n => n.Id == "bw-2a").Version > busway.Version, what: "a newer busway status");
    }
}
