using Orleans.Core.Internal;
using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Abstractions.Kpis;
using TokenFactoryTwin.ClusterTests.Infrastructure;
using TokenFactoryTwin.Domain.Kpis.History;
using TokenFactoryTwin.Grains.Storage;

namespace TokenFactoryTwin.ClusterTests.Grains;

/// <summary>
/// The facility's, a hall's and a rack's history are stored in the twin's grain store as they go: a grain that
/// deactivates and comes back (on any silo) reads them back, and the store holds them as chunk records of its own.
/// </summary>
[Collection(TwinClusterCollection.Name)]
public sealed class HistoryPersistenceTests(TwinClusterFixture fixture)
{
    [Fact]
    public async Task Facility_hall_and_rack_keep_their_history_through_a_deactivation()
    {
        var id = TestFacilities.NewId();
        var spec = TestFacilities.TwoHalls(id, h200Racks: 1, gb300Racks: 1);
        await fixture.Grains.GetGrain<IFacilityTopologyGrain>(TwinKeys.Facility(id)).Start(spec, TestFacilities.FastTiming);
        var facility = fixture.Grains.GetGrain<IFacilityKpiGrain>(TwinKeys.Facility(id));
        var hall = fixture.Grains.GetGrain<IHallGrain>(TwinKeys.Hall(id, spec.Halls[0].Id));
        var rack = fixture.Grains.GetGrain<IRackGrain>(TwinKeys.Rack(id, spec.Racks[0].Id));
        Task<IReadOnlyList<KpiPoint>> RackRecent() => rack.GetDetail().ContinueWith(t => t.Result?.Recent ?? [], TaskScheduler.Default);

        // Two seconds at the fast timing's 100 ms flush.
        var facilityBefore = await Eventually.Get(facility.GetHistory, h => h.Count >= 20, what: "facility history");
        var hallBefore = await Eventually.Get(hall.GetHistory, h => h.Count >= 20, what: "hall history");
        var rackBefore = await Eventually.Get(RackRecent, h => h.Count >= 20, what: "rack history");

        await facility.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await hall.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await rack.Cast<IGrainManagementExtension>().DeactivateOnIdle();

        // Back at the next call (a read here, a push from below): what was held before, then newer points.
        await AssertKept(facilityBefore, facility.GetHistory, "facility");
        await AssertKept(hallBefore, hall.GetHistory, "hall");
        await AssertKept(rackBefore, RackRecent, "rack");

        // Held by the store, as chunk records under each grain's id, not only in a surviving activation.
        using var store = new SqliteGrainStorage(new SqliteGrainStorageOptions { DatabasePath = Path.Combine(TwinClusterFixture.DataDirectory, "twin.db") });
        Assert.Contains(await Stored(store, facility.GetGrainId(), KpiTimelineShape.HourAndDay), p => Same(p.AsOf, facilityBefore[0].AsOf));
        Assert.Contains(await Stored(store, hall.GetGrainId(), KpiTimelineShape.HourAndDay), p => Same(p.AsOf, hallBefore[0].AsOf));
        Assert.Contains(await Stored(store, rack.GetGrainId(), KpiTimelineShape.RecentRack(0)), p => Same(p.AsOf, rackBefore[0].AsOf));
    }

    private static async Task AssertKept(IReadOnlyList<KpiPoint> before, Func<Task<IReadOnlyList<KpiPoint>>> read, string what)
    {
        var after = await Eventually.Get(read, h => h.Count > 0 && h[^1].AsOf > before[^1].AsOf.AddSeconds(1), what: $"{what} history after re-activation");
        // Stored at millisecond precision.
        Assert.All(before, p => Assert.Contains(after, q => Same(p.AsOf, q.AsOf)));
    }

    private static bool Same(DateTimeOffset a, DateTimeOffset b) => Math.Abs((a - b).TotalMilliseconds) < 1;

    private static async Task<List<KpiPoint>> Stored(SqliteGrainStorage store, GrainId grain, KpiTimelineShape shape)
    {
        var points = new List<KpiPoint>();
        foreach (var name in new KpiTimeline(shape).FlushRecordNames)
        {
            var record = new GrainState<HistoryChunk>(new HistoryChunk());
            await store.ReadStateAsync(name, grain, record);
            if (record is { RecordExists: true, State: { } chunk })
            {
                points.AddRange(chunk.Points());
            }
        }

        return points;
    }
}
