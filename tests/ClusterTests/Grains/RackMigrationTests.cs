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
        var rack = twin.Rack();
        await rack.SetPowerCap(new RackPowerCap(200, 0.6));
        var management = fixture.Grains.GetGrain<IManagementGrain>(0);
        await Eventually.Get(async () => await management.GetActivationAddress(rack), s => s is not null, what: "the rack's silo");

        await rack.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Eventually.Get(async () => await management.GetActivationAddress(rack), s => s is null, what: "the rack deactivated");

        var gpu = await twin.Http.GetFromJsonAsync<JsonElement>($"/api/gpus/{LiveTwin.LiveRack}-g0");
        Assert.NotNull(await management.GetActivationAddress(rack));
        Assert.Equal(200, gpu.GetProperty("recommendedCapW").GetDouble());

        await rack.SetPowerCap(null);
        await rack.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Eventually.Get(async () => await management.GetActivationAddress(rack), s => s is null, what: "the rack deactivated again");
        var lifted = await twin.Http.GetFromJsonAsync<JsonElement>($"/api/gpus/{LiveTwin.LiveRack}-g0");
        Assert.Equal(JsonValueKind.Null, lifted.GetProperty("recommendedCapW").ValueKind);
    }
}
