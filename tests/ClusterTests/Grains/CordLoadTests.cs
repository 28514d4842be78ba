using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Abstractions.Kpis;
using TokenFactoryTwin.Abstractions.Telemetry;
using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.ClusterTests.Infrastructure;

namespace TokenFactoryTwin.ClusterTests.Grains;

/// <summary>
/// Racks' cord loads reach their power nodes through their halls, one batch per node per period: what each busway
/// carries must still be exactly what its racks put on it, as racks come, go, fall silent or move.
/// </summary>
[Collection(TwinClusterCollection.Name)]
public sealed class CordLoadTests(TwinClusterFixture fixture)
{
    [Fact]
    public async Task A_busway_carries_the_sum_of_its_racks_cord_loads()
    {
        var id = TestFacilities.NewId();
        var facility = fixture.Grains.GetGrain<IFacilityKpiGrain>(TwinKeys.Facility(id));
        var topology = fixture.Grains.GetGrain<IFacilityTopologyGrain>(TwinKeys.Facility(id));
        await topology.Start(TestFacilities.TwoHalls(id, h200Racks: 3, gb300Racks: 2), TestFacilities.FastTiming);

        var racks = await Eventually.Get(facility.GetRacks, r => r.Count == 5 && r.All(s => s.Cords is not null && s.ItPowerKw > 0),
            what: "five racks reporting their cord loads");
        var total = racks.Sum(r => r.ItPowerKw);
        var power = await Eventually.Get(facility.GetPower,
            p => p.Single(n => n.Id == "bw-1a").Sources == 3 && p.Single(n => n.Id == "bw-2b").Sources == 2
                && Math.Abs(p.Where(n => n.Kind == nameof(PowerNodeKind.UtilityFeed)).Sum(n => n.LoadKw) - total) < 1e-6,
            what: "every rack on its busways, and the feeds carrying all of them");

        // Constant load without noise: every flush reports the same loads, so the figures match across stages.
        foreach (var node in power.Where(n => n.Id.StartsWith("bw-", StringComparison.Ordinal)))
        {
            Assert.Equal(CordSum(racks, node.Id, c => c.LoadAKw, c => c.LoadBKw), node.LoadKw, 6);
            Assert.Equal(CordSum(racks, node.Id, c => c.LoadAIfPartnerLostKw, c => c.LoadBIfPartnerLostKw), node.LoadIfPartnerLostKw, 6);
        }

        Assert.All(power.Where(n => n.Sources > 0), n => Assert.NotNull(n.LoadAsOf));
    }

    [Fact]
    public async Task Racks_on_busways_that_serve_another_hall_count_on_those_busways()
    {
        var id = TestFacilities.NewId();
        var spec = TestFacilities.TwoHalls(id, h200Racks: 2, gb300Racks: 2);
        // Rack h1-02 stands in hall 1 but is fed from hall 2's busways.
        spec = spec with { Racks = [.. spec.Racks.Select(r => r.Id == "h1-02" ? r with { PowerA = "bw-2a", PowerB = "bw-2b" } : r)] };
        var facility = fixture.Grains.GetGrain<IFacilityKpiGrain>(TwinKeys.Facility(id));
        var topology = fixture.Grains.GetGrain<IFacilityTopologyGrain>(TwinKeys.Facility(id));
        await topology.Start(spec, TestFacilities.FastTiming);

        var power = await Eventually.Get(facility.GetPower, p => p.Single(n => n.Id == "bw-2a").Sources == 3 && p.Single(n => n.Id == "bw-1a").Sources == 1,
            what: "the hall-1 rack on hall 2's busways");
        var racks = await facility.GetRacks();

        Assert.Equal(CordSum(racks, "bw-2a", c => c.LoadAKw, c => c.LoadBKw), power.Single(n => n.Id == "bw-2a").LoadKw, 6);
        Assert.Equal(racks.Single(r => r.RackId == "h1-01").ItPowerKw / 2, power.Single(n => n.Id == "bw-1a").LoadKw, 6);
    }

    [Fact]
    public async Task A_rack_whose_cords_move_leaves_its_old_busways_and_loads_the_new_ones()
    {
        var id = TestFacilities.NewId();
        var spec = TestFacilities.TwoHalls(id, h200Racks: 2, gb300Racks: 1);
        var facility = fixture.Grains.GetGrain<IFacilityKpiGrain>(TwinKeys.Facility(id));
        var topology = fixture.Grains.GetGrain<IFacilityTopologyGrain>(TwinKeys.Facility(id));
        await topology.Start(spec, TestFacilities.FastTiming);
        await Eventually.Get(facility.GetPower, p => p.Single(n => n.Id == "bw-1a").Sources == 2, what: "both H200 racks on busway 1A");

        // The facility file now feeds h1-02 from hall 2's busways; the hall is the same, so only the batches tell.
        var moved = spec with { Racks = [.. spec.Racks.Select(r => r.Id == "h1-02" ? r with { PowerA = "bw-2a", PowerB = "bw-2b" } : r)] };
        await topology.Start(moved, TestFacilities.FastTiming);

        var power = await Eventually.Get(facility.GetPower,
            p => p.Single(n => n.Id == "bw-1a").Sources == 1 && p.Single(n => n.Id == "bw-1b").Sources == 1 && p.Single(n => n.Id == "bw-2a").Sources == 2,
            what: "h1-02 gone from busways 1A/1B and on 2A");
        var racks = await facility.GetRacks();
        Assert.Equal(racks.Single(r => r.RackId == "h1-01").ItPowerKw / 2, power.Single(n => n.Id == "bw-1a").LoadKw, 6);
        Assert.Equal(CordSum(racks, "bw-2a", c => c.LoadAKw, c => c.LoadBKw), power.Single(n => n.Id == "bw-2a").LoadKw, 6);
    }

    [Fact]
    public async Task A_removed_rack_leaves_its_busways()
    {
        var id = TestFacilities.NewId();
        var facility = fixture.Grains.GetGrain<IFacilityKpiGrain>(TwinKeys.Facility(id));
        var topology = fixture.Grains.GetGrain<IFacilityTopologyGrain>(TwinKeys.Facility(id));
        await topology.Start(TestFacilities.TwoHalls(id, h200Racks: 1, gb300Racks: 1), TestFacilities.FastTiming);
        var registered = await topology.RegisterRacks([new RackSpec("v-1", "hall-2", "gb300-nvl72", 2, 1, "bw-2a", "bw-2b",
            new TelemetrySourceSpec(TelemetrySourceKinds.Simulated, Load: new LoadCurveSpec("constant", 0.5, Noise: 0)), Virtual: true)]);
        Assert.True(registered.Succeeded, string.Join("; ", registered.Problems));
        await Eventually.Get(facility.GetPower, p => p.Single(n => n.Id == "bw-2a").Sources == 2, what: "the registered rack on busway 2A");

        Assert.True((await topology.RemoveRack("v-1")).Succeeded);

        var power = await Eventually.Get(facility.GetPower, p => p.Single(n => n.Id == "bw-2a").Sources == 1 && p.Single(n => n.Id == "bw-2b").Sources == 1,
            what: "the removed rack gone from busways 2A and 2B");
        // Some flushes later it has not come back through a batch that was on its way.
        var later = await Eventually.Get(facility.GetPower, p => p.Single(n => n.Id == "bw-2a").AsOf > power.Single(n => n.Id == "bw-2a").AsOf.AddMilliseconds(500),
            what: "later busway figures");
        var racks = await facility.GetRacks();
        Assert.Equal(1, later.Single(n => n.Id == "bw-2a").Sources);
        Assert.Equal(racks.Single(r => r.RackId == "h2-01").ItPowerKw / 2, later.Single(n => n.Id == "bw-2a").LoadKw, 6);
    }

    [Fact]
    public async Task A_silent_live_rack_keeps_its_last_load_on_its_busways()
    {
        var id = TestFacilities.NewId();
        var facility = fixture.Grains.GetGrain<IFacilityKpiGrain>(TwinKeys.Facility(id));
        var topology = fixture.Grains.GetGrain<IFacilityTopologyGrain>(TwinKeys.Facility(id));
        await topology.Start(TestFacilities.TwoHalls(id, h200Racks: 1, gb300Racks: 0, live: true), TestFacilities.FastTiming);
        var rack = fixture.Grains.GetGrain<IRackGrain>(TwinKeys.Rack(id, "h1-01"));

        var now = SampleTimes.Now().Base;
        var result = await rack.Ingest(GpuSampleBatch.Of([.. Enumerable.Range(0, 8).Select(g => new GpuSample(g, now, PowerW: 600))]));
        Assert.Equal(8, result.Accepted);
        var fresh = await Eventually.Get(facility.GetPower, p => p.Single(n => n.Id == "bw-1a").LoadKw > 0, what: "the live rack's load on busway 1A");
        var drawing = fresh.Single(n => n.Id == "bw-1a").LoadKw;

        // No more samples: the rack turns stale, and its busways go on carrying what it drew.
        var silent = await Eventually.Get(rack.GetSnapshot, s => s is { Stale: true, GpusReporting: 0 }, what: "the silent rack turning stale");
        var power = await Eventually.Get(facility.GetPower, p => p.Single(n => n.Id == "bw-1a").AsOf > silent!.AsOf.AddMilliseconds(300),
            what: "busway figures summed after the rack turned stale");

        var busway = power.Single(n => n.Id == "bw-1a");
        Assert.Equal(0, silent!.ItPowerKw);
        Assert.Equal(drawing, busway.LoadKw, 6);
        Assert.Equal(1, busway.Sources);
        Assert.Equal(drawing, power.Single(n => n.Id == "bw-1b").LoadKw, 6);
    }

    private static double CordSum(IEnumerable<RackSnapshot> racks, string node, Func<CordLoads, double> a, Func<CordLoads, double> b) =>
        racks.Select(r => r.Cords!).Sum(c => (c.PowerA == node ? a(c) : 0) + (c.PowerB == node ? b(c) : 0));
}
