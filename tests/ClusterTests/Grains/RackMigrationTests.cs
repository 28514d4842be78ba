using System.Net.Http.Json;
using System.Text.Json;
using Orleans.Core.Internal;
using Orleans.Runtime.Placement;
using TokenFactoryTwin.Abstractions.Flex;
using TokenFactoryTwin.ClusterTests.Infrastructure;

namespace TokenFactoryTwin.ClusterTests.Grains;

/// <summary>
/// Racks move between silos when the cluster changes (spread by key), and are deactivated when idle or lost with a
/// silo: what a rack was told must outlive its activation.
/// </summary>
[Collection(TwinClusterCollection.Name)]
public sealed class RackMigrationTests(TwinClusterFixture fixture)
{
    [Fact]
    public async Task A_rack_moved_to_another_silo_keeps_its_flex_events_cap_and_reports_from_there()
    {
        await using var twin = await LiveTwin.Start(fixture);
        await twin.RegisterLiveRack();
        var rack = twin.Rack();
        await rack.SetPowerCap(new RackPowerCap(200, 0.6));
        var management = fixture.Grains.GetGrain<IManagementGrain>(0);
        var from = await Eventually.Get(async () => await management.GetActivationAddress(rack), s => s is not null, what: "the rack's silo");
        var to = fixture.Cluster.GetActiveSilos().Select(s => s.SiloAddress).First(s => !s.Equals(from));

        RequestContext.Set(IPlacementDirector.PlacementHintKey, to);
        try
        {
            await rack.Cast<IGrainManagementExtension>().MigrateOnIdle();
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }

        await Eventually.Get(async () => await management.GetActivationAddress(rack), s => to.Equals(s), what: "the rack on the other silo");
        var gpu = await twin.Http.GetFromJsonAsync<JsonElement>($"/api/gpus/{LiveTwin.LiveRack}-g0");
        Assert.Equal(200, gpu.GetProperty("recommendedCapW").GetDouble());
        await LiveTwin.Json(await twin.PostPrometheus(Captures.Text(Captures.Dcgm8xH100)));
        var detail = await Eventually.Get(twin.LiveDetail, d => d.GpuStatuses.Count(g => g.PowerW is not null) == 8, what: "the moved rack's GPUs reporting");
        Assert.Equal(Captures.H100Power, detail.GpuStatuses.Take(8).Select(g => g.PowerW!.Value));
    }

    [Fact]
    public async Task A_rack_deactivated_and_activated_again_is_still_capped_until_the_cap_is_lifted()
    {
        await using var twin = await LiveTwin.Start(fixture);
        await twin.RegisterLiveRack();

        // The cap is a one-way call: read back, it has been applied and stored (the rack takes no call meanwhile).
        await twin.Rack().SetPowerCap(new RackPowerCap(200, 0.6));
        await Eventually.Get(() => RecommendedCap(twin), c => c == 200, what: "the rack to take its cap");
        await Reactivate(twin);
        Assert.Equal(200, await RecommendedCap(twin));

        await twin.Rack().SetPowerCap(null);
        await Eventually.Get(() => RecommendedCap(twin), c => c is null, what: "the rack to lift its cap");
        await Reactivate(twin);
        Assert.Null(await RecommendedCap(twin));
    }

    private static async Task<double?> RecommendedCap(LiveTwin twin)
    {
        var gpu = await twin.Http.GetFromJsonAsync<JsonElement>($"/api/gpus/{LiveTwin.LiveRack}-g0");
        var cap = gpu.GetProperty("recommendedCapW");
        return cap.ValueKind == JsonValueKind.Null ? null : cap.GetDouble();
    }

    /// <summary>
    /// Deactivates the rack and waits for a new activation: one that has forgotten the telemetry the old one held
    /// (hot state, never stored), sent just before.
    /// </summary>
    private static async Task Reactivate(LiveTwin twin)
    {
        await LiveTwin.Json(await twin.PostPrometheus(Captures.Text(Captures.Dcgm8xH100)));
        await Eventually.Get(twin.LiveDetail, d => d.GpuStatuses.Count(g => g.PowerW is not null) == 8, what: "the rack's GPUs reporting");
        await twin.Rack().Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Eventually.Get(twin.LiveDetail, d => d.GpuStatuses.All(g => g.PowerW is null), what: "a new activation of the rack, without telemetry");
    }
}
