using System.Net;
using System.Text.Json;
using TokenFactoryTwin.ClusterTests.Infrastructure;

namespace TokenFactoryTwin.ClusterTests.Gateway;

[Collection(TwinClusterCollection.Name)]
public sealed class NativeIngestTests(TwinClusterFixture fixture)
{
    private static string Batch(params object[] samples) => JsonSerializer.Serialize(new { samples });

    [Fact]
    public async Task Samples_by_twin_gpu_id_and_by_host_apply_to_their_slots()
    {
        await using var twin = await LiveTwin.Start(fixture);
        await twin.RegisterLiveRack();
        var at = SampleTimes.Now();

        var reply = await LiveTwin.Json(await twin.PostJson("/api/telemetry", Batch(
            new { gpu = "live-01-g20", timestamp = at.Iso(1), powerW = 400.5, utilizationPercent = 50, temperatureC = 61, memoryUsedMiB = 1024 },
            new { host = LiveTwin.Host, gpuIndex = 3, timestamp = at.Iso(1), powerW = 333.0 })));

        Assert.Equal(2, reply.GetProperty("accepted").GetInt32());
        Assert.Equal(0, reply.GetProperty("rejected").GetInt32());
        var gpus = (await twin.LiveDetail()).GpuStatuses;
        Assert.Equal((400.5, 0.5, 61.0, 1024.0), (gpus[20].PowerW!.Value, gpus[20].Utilization!.Value, gpus[20].TemperatureC!.Value, gpus[20].MemoryUsedMiB!.Value));
        Assert.Equal(333, gpus[3].PowerW);
        var rack = await Eventually.Get(() => twin.Rack().GetSnapshot(), s => s is { GpusReporting: 2 });
        Assert.Equal(0.7335, rack!.GpuPowerKw, 9);
    }

    [Fact]
    public async Task Each_impossible_sample_is_refused_by_index_and_nothing_of_it_applies()
    {
        await using var twin = await LiveTwin.Start(fixture);
        await twin.RegisterLiveRack();
        var at = SampleTimes.Now();
        var json = $$"""
            { "samples": [
              { "gpu": "live-01-g0", "timestamp": "{{at.Iso(1)}}", "powerW": "NaN", "temperatureC": 40 },
              { "gpu": "live-01-g1", "timestamp": "{{at.Iso(1)}}", "powerW": "Infinity" },
              { "gpu": "live-01-g2", "timestamp": "{{at.Iso(1)}}", "powerW": -3 },
              { "gpu": "live-01-g3", "timestamp": "{{at.Base.AddDays(2):O}}", "powerW": 100 },
              { "gpu": "live-01-g4", "timestamp": "{{at.Base.AddDays(-2):O}}", "powerW": 100 },
              { "gpu": "live-01-g99", "timestamp": "{{at.Iso(1)}}", "powerW": 100 },
              { "gpu": "nope", "timestamp": "{{at.Iso(1)}}", "powerW": 100 },
              { "gpu": "live-01-g5", "timestamp": "{{at.Iso(1)}}", "promptTokens": -1 },
              { "gpu": "live-01-g7", "timestamp": "{{at.Iso(1)}}", "powerW": "high", "temperatureC": 40 },
              { "gpu": "live-01-g6", "timestamp": "{{at.Iso(1)}}", "powerW": 123 }
            ] }
            """;

        var reply = await LiveTwin.Json(await twin.PostJson("/api/telemetry", json));

        Assert.Equal(1, reply.GetProperty("accepted").GetInt32());
        Assert.Equal(9, reply.GetProperty("rejected").GetInt32());
        var errors = reply.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7, 8], errors.Select(e => e.GetProperty("index").GetInt32()));
        Assert.Contains("powerW is not a finite number", errors[0].GetProperty("reason").GetString());
        Assert.Contains("below 0", errors[2].GetProperty("reason").GetString());
        Assert.Contains("future", errors[3].GetProperty("reason").GetString());
        Assert.Contains("old", errors[4].GetProperty("reason").GetString());
        Assert.Contains("outside", errors[5].GetProperty("reason").GetString());
        Assert.Contains("'powerW' must be a number", errors[8].GetProperty("reason").GetString());
        var gpus = (await twin.LiveDetail()).GpuStatuses;
        Assert.All(gpus.Where(g => g.Index != 6), g => Assert.Null(g.LastSampleAt));
        Assert.Null(gpus[0].TemperatureC);
        Assert.Equal(123, gpus[6].PowerW);
        await Eventually.Get(twin.Facility.GetKpis, k => k.GpusReporting == LiveTwin.SimulatedGpus + 1);
    }

    [Fact]
    public async Task A_rack_entry_applies_each_gpu_and_refuses_what_is_impossible_by_rack_and_slot()
    {
        await using var twin = await LiveTwin.Start(fixture);
        await twin.RegisterLiveRack();
        var at = SampleTimes.Now();
        var json = $$"""
            { "racks": [
              { "rack": "live-01", "timestamp": "{{at.Iso(1)}}", "powerW": [400, 410, -5], "temperatureC": [60, 61, 62] },
              { "rack": "no-such-rack", "timestamp": "{{at.Iso(1)}}", "powerW": [1] },
              { "rack": "live-01", "powerW": [1] }
            ] }
            """;

        var reply = await LiveTwin.Json(await twin.PostJson("/api/telemetry", json));

        Assert.Equal((2, 3), (reply.GetProperty("accepted").GetInt32(), reply.GetProperty("rejected").GetInt32()));
        var errors = reply.GetProperty("errors").EnumerateArray()
            .Select(e => (Rack: e.GetProperty("rack").GetString(), Gpu: e.TryGetProperty("gpu", out var g) ? g.GetInt32() : -1,
                Index: e.TryGetProperty("index", out var i) ? i.GetInt32() : -1, Reason: e.GetProperty("reason").GetString()!))
            .ToList();
        Assert.Contains(errors, e => e is { Rack: "live-01", Gpu: 2 } && e.Reason.Contains("below 0"));
        Assert.Contains(errors, e => e is { Rack: "no-such-rack", Gpu: 0 } && e.Reason.Contains("not registered"));
        Assert.Contains(errors, e => e is { Rack: "live-01", Index: 2 } && e.Reason.Contains("timestamp is required"));
        var gpus = (await twin.LiveDetail()).GpuStatuses;
        Assert.Equal((400.0, 410.0), (gpus[0].PowerW!.Value, gpus[1].PowerW!.Value));
        Assert.Null(gpus[2].LastSampleAt);
    }

    [Fact]
    public async Task A_replayed_batch_changes_nothing()
    {
        await using var twin = await LiveTwin.Start(fixture);
        await twin.RegisterLiveRack();
        var at = SampleTimes.Now();
        var batch = Batch(
            new { gpu = "live-01-g0", timestamp = at.Iso(3), generationTokens = 1000, powerW = 500 },
            new { gpu = "live-01-g0", timestamp = at.Iso(1), generationTokens = 3000, powerW = 600 });
        await LiveTwin.Json(await twin.PostJson("/api/telemetry", batch));
        var fingerprint = await twin.Fingerprint();

        await LiveTwin.Json(await twin.PostJson("/api/telemetry", batch));

        await twin.AssertUnharmed(fingerprint, 1);
        var gpu = (await twin.LiveDetail()).GpuStatuses[0];
        // 2,000 tokens over exactly 2 s.
        Assert.Equal(1000, gpu.TokensPerSecond, 6);
        Assert.Equal(600, gpu.PowerW);
    }

    [Fact]
    public async Task An_older_sample_never_moves_a_counter_backwards()
    {
        await using var twin = await LiveTwin.Start(fixture);
        await twin.RegisterLiveRack();
        var at = SampleTimes.Now();
        var t0 = at.Ago(11);
        await LiveTwin.Json(await twin.PostJson("/api/telemetry", Batch(
            new { gpu = "live-01-g0", timestamp = t0.ToString("O"), generationTokens = 1000 },
            new { gpu = "live-01-g0", timestamp = t0.AddSeconds(10).ToString("O"), generationTokens = 2000 })));
        var fingerprint = await twin.Fingerprint();

        // A late sample with a lower count: applied, it would look like a counter reset and a burst of tokens.
        await LiveTwin.Json(await twin.PostJson("/api/telemetry", Batch(new { gpu = "live-01-g0", timestamp = t0.AddSeconds(5).ToString("O"), generationTokens = 1500 })));

        await twin.AssertUnharmed(fingerprint, 1);
        Assert.Equal(100, (await twin.LiveDetail()).GpuStatuses[0].TokensPerSecond, 6);
    }

    [Theory]
    [InlineData("{ \"samples\": [ { \"gpu\": ")]
    [InlineData("[1,2,3]")]
    [InlineData("{ \"samples\": 5 }")]
    [InlineData("{ }")]
    [InlineData("")]
    public async Task Malformed_bodies_get_400_and_change_nothing(string body)
    {
        await using var twin = await LiveTwin.Start(fixture);
        await twin.RegisterLiveRack();
        var fingerprint = await twin.Fingerprint();

        var problem = await LiveTwin.Json(await twin.PostJson("/api/telemetry", body), HttpStatusCode.BadRequest);

        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
        await twin.AssertUnharmed(fingerprint, 0);
    }

    [Fact]
    public async Task A_live_rack_whose_telemetry_stops_turns_stale()
    {
        await using var twin = await LiveTwin.Start(fixture, timing: new(TimeSpan.FromMilliseconds(250), StalePeriods: 4));
        await twin.RegisterLiveRack();
        var at = SampleTimes.Now();

        await LiveTwin.Json(await twin.PostJson("/api/telemetry", Batch(new { gpu = "live-01-g0", timestamp = at.Iso(0), powerW = 500 })));

        await Eventually.Get(() => twin.Rack().GetSnapshot(), s => s is { GpusReporting: 1, Stale: false }, what: "the rack to report");
        var stale = await Eventually.Get(() => twin.Rack().GetSnapshot(), s => s is { Stale: true }, what: "the rack to turn stale");
        Assert.Equal(0, stale!.GpusReporting);
        var gpu = (await twin.LiveDetail()).GpuStatuses[0];
        Assert.True(gpu.Stale);
        Assert.Equal(500, gpu.PowerW);
    }
}
