using System.Net.Http.Json;
using System.Text.Json;
using TokenFactoryTwin.Abstractions.Flex;
using TokenFactoryTwin.ClusterTests.Infrastructure;

namespace TokenFactoryTwin.ClusterTests.Gateway;

/// <summary>
/// What a live rack's GPUs do with a power cap, read back from dcgm-exporter's enforced limit and throttle reasons:
/// the power-cap variant of the 8x H100 capture through the gateway, then the GPU and alarm APIs.
/// </summary>
[Collection(TwinClusterCollection.Name)]
public sealed class PowerCapReadbackTests(TwinClusterFixture fixture)
{
    private static readonly string Capture = Captures.Text(Captures.Dcgm8xH100PowerCap);

    [Fact]
    public async Task A_GPU_held_by_its_power_cap_shows_its_limit_and_reasons_and_raises_the_binding_alarm()
    {
        await using var twin = await LiveTwin.Start(fixture);
        await twin.RegisterLiveRack();

        var reply = await LiveTwin.Json(await twin.PostPrometheus(Capture));
        Assert.Equal((8, 0), (reply.GetProperty("accepted").GetInt32(), reply.GetProperty("rejected").GetInt32()));

        var capped = await twin.Http.GetFromJsonAsync<JsonElement>($"/api/gpus/{LiveTwin.LiveRack}-g0");
        Assert.Equal(200, capped.GetProperty("enforcedPowerLimitW").GetDouble());
        Assert.Equal(4, capped.GetProperty("clocksEventReasons").GetInt64());
        Assert.Equal(["power cap"], capped.GetProperty("throttleReasons").EnumerateArray().Select(r => r.GetString()));
        Assert.True(capped.GetProperty("capBinding").GetBoolean());
        Assert.Equal(JsonValueKind.Null, capped.GetProperty("recommendedCapW").ValueKind);

        var idle = await twin.Http.GetFromJsonAsync<JsonElement>($"/api/gpus/{LiveTwin.LiveRack}-g1");
        Assert.Equal((700.0, "idle", false), (idle.GetProperty("enforcedPowerLimitW").GetDouble(),
            idle.GetProperty("throttleReasons").EnumerateArray().Single().GetString(), idle.GetProperty("capBinding").GetBoolean()));

        // The rack's drill-down lists the same per GPU.
        var rack = await twin.Http.GetFromJsonAsync<JsonElement>($"/api/racks/{LiveTwin.LiveRack}");
        Assert.Equal([200.0, 700, 700, 700, 700, 700, 700, 700],
            rack.GetProperty("gpus").EnumerateArray().Take(8).Select(g => g.GetProperty("enforcedPowerLimitW").GetDouble()));

        var alarm = await WaitForAlarm(twin, "power-cap-binding");
        Assert.Equal(("warning", "rack", LiveTwin.LiveRack), (alarm.GetProperty("severity").GetString(), alarm.GetProperty("placeKind").GetString(), alarm.GetProperty("place").GetString()));
        Assert.Contains("1/8 GPUs", alarm.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GPUs_that_enforce_another_limit_than_the_flex_events_cap_raise_the_cap_not_applied_alarm()
    {
        await using var twin = await LiveTwin.Start(fixture);
        await twin.RegisterLiveRack();
        // What the flex grain tells each rack its plan caps: 200 W per GPU. GPU 0 enforces it; the other seven still
        // enforce their 700 W board limit, as if the cluster's agent never applied the cap to them.
        await twin.Rack().SetPowerCap(new RackPowerCap(200, 0.6));
        await LiveTwin.Json(await twin.PostPrometheus(Capture));

        var applied = await Eventually.Get(() => twin.Http.GetFromJsonAsync<JsonElement>($"/api/gpus/{LiveTwin.LiveRack}-g0"),
            g => g.GetProperty("recommendedCapW").ValueKind == JsonValueKind.Number, what: "the rack to know its cap");
        Assert.Equal(200, applied.GetProperty("recommendedCapW").GetDouble());
        Assert.False(applied.GetProperty("capNotApplied").GetBoolean());
        var missed = await twin.Http.GetFromJsonAsync<JsonElement>($"/api/gpus/{LiveTwin.LiveRack}-g5");
        Assert.Equal((200.0, 700.0, true), (missed.GetProperty("recommendedCapW").GetDouble(),
            missed.GetProperty("enforcedPowerLimitW").GetDouble(), missed.GetProperty("capNotApplied").GetBoolean()));

        var alarm = await WaitForAlarm(twin, "power-cap-not-applied");
        Assert.Equal("critical", alarm.GetProperty("severity").GetString());
        Assert.Contains("7/8 GPUs", alarm.GetProperty("message").GetString(), StringComparison.Ordinal);

        // The cap lifted, the GPUs are compared with nothing: the alarm clears.
        await twin.Rack().SetPowerCap(null);
        await Eventually.Get(async () =>
            {
                await twin.PostPrometheus(Capture);
                return await twin.Http.GetFromJsonAsync<JsonElement>("/api/alarms");
            },
            alarms => !alarms.EnumerateArray().Any(a => a.GetProperty("kind").GetString() == "power-cap-not-applied" && a.GetProperty("place").GetString() == LiveTwin.LiveRack),
            what: "the cap-not-applied alarm to clear");
    }

    /// <summary>
    /// The alarm on the live rack, once the gateway's next read of the twin shows it. The capture is sent again on each
    /// poll: a scrape carries no timestamps, and the rack must stay fresh however slow the machine is.
    /// </summary>
    private static async Task<JsonElement> WaitForAlarm(LiveTwin twin, string kind)
    {
        var alarms = await Eventually.Get(async () =>
            {
                await twin.PostPrometheus(Capture);
                return await twin.Http.GetFromJsonAsync<JsonElement>("/api/alarms");
            },
            a => a.EnumerateArray().Any(x => x.GetProperty("kind").GetString() == kind && x.GetProperty("place").GetString() == LiveTwin.LiveRack),
            what: $"the {kind} alarm on the live rack");
        return alarms.EnumerateArray().First(x => x.GetProperty("kind").GetString() == kind && x.GetProperty("place").GetString() == LiveTwin.LiveRack);
    }
}
