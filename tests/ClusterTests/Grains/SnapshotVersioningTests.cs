using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Abstractions.Kpis;
using TokenFactoryTwin.Abstractions.Telemetry;
using TokenFactoryTwin.ClusterTests.Infrastructure;

namespace TokenFactoryTwin.ClusterTests.Grains;

[Collection(TwinClusterCollection.Name)]
public sealed class SnapshotVersioningTests(TwinClusterFixture fixture)
{
    [Fact]
    public async Task A_duplicate_or_replayed_snapshot_does_not_double_count()
    {
        var id = TestFacilities.NewId();
        var spec = TestFacilities.TwoHalls(id, h200Racks: 1, gb300Racks: 0, live: true);
        var facility = fixture.Grains.GetGrain<IFacilityKpiGrain>(TwinKeys.Facility(id));
        var topology = fixture.Grains.GetGrain<IFacilityTopologyGrain>(TwinKeys.Facility(id));
        await topology.Start(spec, TestFacilities.FastTiming);
        var rack = fixture.Grains.GetGrain<IRackGrain>(TwinKeys.Rack(id, "h1-01"));
        var hall = fixture.Grains.GetGrain<IHallGrain>(TwinKeys.Hall(id, "hall-1"));

        // Feed the live rack steadily so it keeps pushing fresh snapshots of 1 GPU at 1,000 tokens/s.
        using var feeding = new CancellationTokenSource();
        var feeder = FeedSteadily(rack, feeding.Token);
        var kpis = await Eventually.Get(facility.GetKpis, k => k.GpusReporting == 1 && Math.Abs(k.TokensPerSecond - 1000) < 1e-6,
            what: "the live GPU's 1,000 tokens/s at the facility");

        // Replay the newest snapshot many times, and an older one: the hall keeps one snapshot per rack.
        var newest = (await hall.GetRacks()).Single();
        for (var i = 0; i < 20; i++)
        {
            await hall.ReportRack(newest);
            await hall.ReportRack(newest with { Version = newest.Version - 1, TokensPerSecond = 99_999 });
        }

        var racks = await hall.GetRacks();
        Assert.Single(racks);
        Assert.Equal(1000, racks[0].TokensPerSecond, 6);
        var after = await Eventually.Get(facility.GetKpis, k => k.AsOf > kpis.AsOf.AddMilliseconds(300), what: "a later facility flush");
        Assert.Equal(1, after.Racks);
        Assert.Equal(1000, after.TokensPerSecond, 6); // not 2,000, not 99,999
        feeding.Cancel();
        await feeder;
    }

    [Fact]
    public async Task A_silent_live_rack_turns_stale_and_stops_counting()
    {
        var id = TestFacilities.NewId();
        var spec = TestFacilities.TwoHalls(id, h200Racks: 1, gb300Racks: 0, live: true);
        var facility = fixture.Grains.GetGrain<IFacilityKpiGrain>(TwinKeys.Facility(id));
        var topology = fixture.Grains.GetGrain<IFacilityTopologyGrain>(TwinKeys.Facility(id));
        await topology.Start(spec, TestFacilities.FastTiming);
        var rack = fixture.Grains.GetGrain<IRackGrain>(TwinKeys.Rack(id, "h1-01"));

        using (var feeding = new CancellationTokenSource())
        {
            var feeder = FeedSteadily(rack, feeding.Token);
            await Eventually.Get(facility.GetKpis, k => k.GpusReporting == 1 && k.StaleRacks == 0, what: "the live rack reporting");
            feeding.Cancel();
            await feeder;
        }

        var stale = await Eventually.Get(facility.GetKpis, k => k.StaleRacks == 1, what: "the silent rack turning stale");
        Assert.Equal(0, stale.GpusReporting);
        Assert.Equal(0, stale.TokensPerSecond);
        Assert.Equal(1, stale.Racks); // still twinned, still costing money
        Assert.True(stale.CostPerHourUsd > 0);
        var snapshot = (await facility.GetRacks()).Single();
        Assert.True(snapshot.Stale);
    }

    private static async Task FeedSteadily(IRackGrain rack, CancellationToken stop)
    {
        // Each sample is stamped with the present, so the rack stays fresh, and its counter is 1,000 tokens for every
        // second of its own (whole-millisecond) timestamp since the first: any two samples give exactly 1,000 tokens/s.
        var start = SampleTimes.Now().Base;
        while (!stop.IsCancellationRequested)
        {
            var now = SampleTimes.Now().Base;
            var tokens = 1000 * (now - start).TotalSeconds;
            var result = await rack.Ingest(GpuSampleBatch.Of([new GpuSample(0, now, PowerW: 500, PromptTokens: tokens / 2, GenerationTokens: tokens / 2)]));
            Assert.Equal(1, result.Accepted);
            try
            {
                await Task.Delay(50, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
