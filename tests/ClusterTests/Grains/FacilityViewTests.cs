using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.ClusterTests.Infrastructure;

namespace TokenFactoryTwin.ClusterTests.Grains;

/// <summary>The live view's one read holds what the five separate reads hold, its links derived from the racks it gathered.</summary>
[Collection(TwinClusterCollection.Name)]
public sealed class FacilityViewTests(TwinClusterFixture fixture)
{
    [Fact]
    public async Task One_view_holds_the_kpis_halls_racks_power_and_links()
    {
        var id = TestFacilities.NewId();
        var spec = TestFacilities.TwoHalls(id, h200Racks: 3, gb300Racks: 2);
        var facility = fixture.Grains.GetGrain<IFacilityKpiGrain>(TwinKeys.Facility(id));
        await fixture.Grains.GetGrain<IFacilityTopologyGrain>(TwinKeys.Facility(id)).Start(spec, TestFacilities.FastTiming);

        var view = await Eventually.Get(facility.GetView,
            v => v.Facility.GpusReporting == 3 * 32 + 2 * 72 && v.Racks.Count == 5 && v.Links.All(l => l.TrafficGbps > 0),
            what: "every rack reporting, with uplink traffic");

        Assert.Equal(5, view.Facility.Racks);
        Assert.Equal(["hall-1", "hall-2"], view.Halls.Select(h => h.Id));
        Assert.Equal(spec.Racks.Select(r => r.Id).Order(), view.Racks.Select(r => r.RackId).Order());
        Assert.Equal(spec.PowerNodes.Select(n => n.Id), view.Power.Select(n => n.Id));
        Assert.Equal(spec.Links.Select(l => l.Id), view.Links.Select(l => l.Id));

        // Each link's traffic is its rack's uplink traffic in the same view: the racks were gathered once.
        var racks = view.Racks.ToDictionary(r => r.RackId);
        Assert.All(view.Links, l => Assert.Equal(racks[l.Rack].UplinkGbps, l.TrafficGbps, 6));
    }
}
