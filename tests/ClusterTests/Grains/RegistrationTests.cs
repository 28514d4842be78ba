using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.ClusterTests.Infrastructure;

namespace TokenFactoryTwin.ClusterTests.Grains;

[Collection(TwinClusterCollection.Name)]
public sealed class RegistrationTests(TwinClusterFixture fixture)
{
    private static RackSpec Gb300(string id, int position, string powerA = "bw-2a") => new(
        id, "hall-2", "gb300-nvl72", 2, position, powerA, "bw-2b",
        new TelemetrySourceSpec(TelemetrySourceKinds.Simulated, Load: new LoadCurveSpec("constant", 0.5, Noise: 0)), Virtual: true);

    [Fact]
    public async Task Registered_racks_join_the_twin_and_leave_it_again()
    {
        var id = TestFacilities.NewId();
        var facility = fixture.Grains.GetGrain<IFacilityKpiGrain>(TwinKeys.Facility(id));
        var topology = fixture.Grains.GetGrain<IFacilityTopologyGrain>(TwinKeys.Facility(id));
        await topology.Start(TestFacilities.TwoHalls(id, 1, 1), TestFacilities.FastTiming);

        var result = await topology.RegisterRacks([Gb300("v-1", 1), Gb300("v-2", 2)]);

        Assert.True(result.Succeeded, string.Join("; ", result.Problems));
        var kpis = await Eventually.Get(facility.GetKpis, k => k.Racks == 4 && k.VirtualRacks == 2, what: "two virtual racks counted");
        Assert.Equal(32 + 3 * 72, kpis.Gpus);

        Assert.True((await topology.RemoveRack("v-1")).Succeeded);
        await Eventually.Get(facility.GetKpis, k => k.Racks == 3 && k.VirtualRacks == 1, what: "the removed rack gone");
        Assert.DoesNotContain(await facility.GetRacks(), r => r.RackId == "v-1");
    }

    [Fact]
    public async Task A_clash_or_an_invalid_rack_changes_nothing()
    {
        var id = TestFacilities.NewId();
        var facility = fixture.Grains.GetGrain<IFacilityKpiGrain>(TwinKeys.Facility(id));
        var topology = fixture.Grains.GetGrain<IFacilityTopologyGrain>(TwinKeys.Facility(id));
        await topology.Start(TestFacilities.TwoHalls(id, 1, 1), TestFacilities.FastTiming);

        var clash = await topology.RegisterRacks([Gb300("v-1", 1), Gb300("h2-01", 2)]);
        var invalid = await topology.RegisterRacks([Gb300("v-1", 1), Gb300("v-2", 2, powerA: "bw-nowhere")]);
        var declared = await topology.RemoveRack("h1-01");

        Assert.True(clash.Conflict);
        Assert.Contains("h2-01", clash.Problems.Single());
        Assert.False(invalid.Succeeded);
        Assert.False(invalid.Conflict);
        Assert.Contains(invalid.Problems, p => p.Contains("powerA 'bw-nowhere' is not a power node"));
        Assert.True(declared.Conflict);
        var spec = await topology.GetTopology();
        Assert.Equal(["h1-01", "h2-01"], spec!.Racks.Select(r => r.Id));
    }
}
