using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.ClusterTests.Infrastructure;

namespace TokenFactoryTwin.ClusterTests.Gateway;

[Collection(TwinClusterCollection.Name)]
public sealed class PrometheusIngestTests(TwinClusterFixture fixture)
{
    [Fact]
    public async Task The_8x_H100_capture_lights_up_8_GPUs_with_their_exact_power_up_to_the_facility()
    {
        await using var twin = await LiveTwin.Start(fixture);
        await twin.RegisterLiveRack();

        var reply = await LiveTwin.Json(await twin.PostPrometheus(Captures.Text(Captures.Dcgm8xH100)));

        Assert.Equal(8, reply.GetProperty("accepted").GetInt32());
        Assert.Equal(0, reply.GetProperty("rejected").GetInt32());
        Assert.Equal(6, reply.GetProperty("ignored").GetInt32());
        var detail = await twin.LiveDetail();
        Assert.Equal(Captures.H100Power, detail.GpuStatuses.Take(8).Select(g => g.PowerW!.Value));
        Assert.All(detail.GpuStatuses.Skip(8), g => Assert.Null(g.PowerW));
        Assert.Equal("GPU-c4529c8d-69c4-b61d-e0bc-7b2460096005", detail.GpuStatuses[0].Uuid);
        Assert.Equal(0.30, detail.GpuStatuses[0].TemperatureC!.Value / 100, 6);

        var rack = await Eventually.Get(() => twin.Rack().GetSnapshot(), s => s is { GpusReporting: 8 }, what: "the live rack to report 8 GPUs");
        Assert.Equal(Captures.H100Power.Sum() / 1000, rack!.GpuPowerKw, 9);
        var halls = await Eventually.Get(twin.Facility.GetHalls, h => h.Single(x => x.Id == "hall-1").GpusReporting == LiveTwin.SimulatedGpus + 8);
        var kpis = await Eventually.Get(twin.Facility.GetKpis, k => k.GpusReporting == LiveTwin.SimulatedGpus + 8);
        Assert.Equal(2, kpis.Racks);
        Assert.Equal(32 + 32, kpis.Gpus);
        Assert.Equal(halls.Sum(h => h.GpusReporting), kpis.GpusReporting);
    }

    [Fact]
    public async Task Two_SGLang_scrapes_seconds_apart_give_the_token_rate_their_counters_imply()
    {
        await using var twin = await LiveTwin.Start(fixture);
        await twin.RegisterLiveRack();
        var capture = Captures.Text(Captures.Sglang);
        var at = SampleTimes.Now();
        var (t0, t1) = (at.Ms(6), at.Ms(1));

        var first = Stamp(capture, 8128902, 7557572, t0);
        var second = Stamp(capture, 8128902 + 12_000, 7557572 + 6_000, t1);
        var r0 = await LiveTwin.Json(await twin.PostPrometheus(first, $"?host={LiveTwin.Host}"));
        var r1 = await LiveTwin.Json(await twin.PostPrometheus(second, $"?host={LiveTwin.Host}"));

        Assert.Equal(1, r0.GetProperty("accepted").GetInt32());
        Assert.Equal(1, r1.GetProperty("accepted").GetInt32());
        // 12,000 prompt + 6,000 generated tokens in 5 s, spread evenly over the host's 8 GPUs.
        var rack = await Eventually.Get(() => twin.Rack().GetSnapshot(), s => s is { TokensPerSecond: > 0 }, what: "the live rack to report tokens");
        Assert.Equal(3600, rack!.TokensPerSecond, 6);
        Assert.Equal(1200, rack.OutputTokensPerSecond, 6);
        var gpus = (await twin.LiveDetail()).GpuStatuses;
        Assert.All(gpus.Take(8), g => Assert.Equal(450, g.TokensPerSecond, 6));
        // The facility adds the live rack's 3,600 tokens/s to the simulated rack's steady output.
        await Eventually.Get(
            async () => (Kpis: await twin.Facility.GetKpis(), Simulated: (await twin.Rack("h1-01").GetSnapshot())?.TokensPerSecond ?? 0),
            t => t.Simulated > 0 && Math.Abs(t.Kpis.TokensPerSecond - t.Simulated - 3600) < 0.02 * t.Simulated,
            what: "the facility to add the live rack's 3,600 tokens/s");
    }

    [Fact]
    public async Task An_SGLang_servers_running_requests_give_the_interactivity_its_users_see_and_the_figure_it_is_measured_against()
    {
        await using var twin = await LiveTwin.Start(fixture);
        await twin.RegisterLiveRack();
        var capture = Captures.Text(Captures.Sglang); // a real scrape under load: sglang:num_running_reqs 162
        var at = SampleTimes.Now();
        await LiveTwin.Json(await twin.PostPrometheus(Stamp(capture, 8128902, 7557572, at.Ms(6)), $"?host={LiveTwin.Host}"));
        await LiveTwin.Json(await twin.PostPrometheus(Stamp(capture, 8128902 + 12_000, 7557572 + 6_000, at.Ms(1)), $"?host={LiveTwin.Host}"));

        var rack = await Eventually.Get(() => twin.Rack().GetSnapshot(), s => s is { OutputTokensPerSecond: > 0, RunningRequests: > 0 },
            what: "the live rack to report tokens and running requests");
        Assert.Equal(162, rack!.RunningRequests);

        // 1,200 output tokens/s over 162 running requests: 7.4 tokens/s per user, and the rack is measured against what
        // its 8 reporting H100s deliver at that interactivity.
        var report = await LiveTwin.Json(await twin.Http.GetAsync("/api/efficiency"));
        var live = report.GetProperty("racks").EnumerateArray().Single(r => r.GetProperty("rack").GetString() == LiveTwin.LiveRack);
        Assert.Equal("observed", live.GetProperty("interactivitySource").GetString());
        Assert.Equal(7.4, live.GetProperty("interactivity").GetDouble(), 9);
        Assert.Equal(162, live.GetProperty("runningRequests").GetDouble());
        var perGpu = Domain.Catalog.CatalogLoader.BuiltIn.ResolveOperatingPoint("deepseek-r1-0528", "h100", null, 7.4)!.TokensPerGpuPerSecond;
        Assert.Equal(8 * perGpu, live.GetProperty("modelledTokensPerSecond").GetDouble(), 6);
        Assert.Equal(3600 / (8 * perGpu), live.GetProperty("ratio").GetDouble(), 6);
    }

    [Fact]
    public async Task A_registered_inference_endpoint_spreads_its_tokens_over_its_GPUs()
    {
        await using var twin = await LiveTwin.Start(fixture);
        await twin.RegisterLiveRack();
        var put = await twin.Http.PutAsync("/api/endpoints/qwen", System.Net.Http.Json.JsonContent.Create(new { gpus = new[] { "live-01-g0", "live-01-g1" } }));
        await LiveTwin.Json(put);
        var at = SampleTimes.Now();
        var capture = Captures.Text(Captures.Vllm);

        var r0 = await LiveTwin.Json(await twin.PostPrometheus(Stamp(capture, "vllm", 0, 0, at.Ms(3)), "?endpoint=qwen"));
        await LiveTwin.Json(await twin.PostPrometheus(Stamp(capture, "vllm", 1000, 3000, at.Ms(1)), "?endpoint=qwen"));

        Assert.Equal(1, r0.GetProperty("accepted").GetInt32());
        Assert.True(r0.GetProperty("ignored").GetInt32() > 300);
        var gpus = (await twin.LiveDetail()).GpuStatuses;
        Assert.Equal([1000.0, 1000.0, 0.0], gpus.Take(3).Select(g => g.TokensPerSecond));
        Assert.Equal(750, gpus[0].OutputTokensPerSecond, 6);
    }

    [Fact]
    public async Task Token_counters_without_a_named_source_are_refused_with_the_reason()
    {
        await using var twin = await LiveTwin.Start(fixture);
        await twin.RegisterLiveRack();
        var fingerprint = await twin.Fingerprint();

        var reply = await LiveTwin.Json(await twin.PostPrometheus(Captures.Text(Captures.Sglang)));

        Assert.Equal(0, reply.GetProperty("accepted").GetInt32());
        Assert.Equal(1, reply.GetProperty("rejected").GetInt32());
        Assert.Contains("?host=", reply.GetProperty("errors")[0].GetProperty("reason").GetString());
        await twin.AssertUnharmed(fingerprint, 0);
    }

    [Fact]
    public async Task An_unknown_host_is_refused_and_listed_for_an_operator()
    {
        await using var twin = await LiveTwin.Start(fixture);
        await twin.RegisterLiveRack();
        var fingerprint = await twin.Fingerprint();

        var reply = await LiveTwin.Json(await twin.PostPrometheus(Captures.Text(Captures.DcgmL4)));

        Assert.Equal(0, reply.GetProperty("accepted").GetInt32());
        Assert.Equal(1, reply.GetProperty("rejected").GetInt32());
        Assert.Equal("i-030791dc5a37cd257", reply.GetProperty("errors")[0].GetProperty("host").GetString());
        var discovered = await Eventually.Get(
            async () => await LiveTwin.Json(await twin.Http.GetAsync("/api/discovered")),
            d => d.GetArrayLength() > 0, what: "the unknown host to be listed");
        Assert.Equal("host", discovered[0].GetProperty("kind").GetString());
        Assert.Equal("i-030791dc5a37cd257", discovered[0].GetProperty("host").GetString());
        Assert.Equal(1, discovered[0].GetProperty("gpusSeen").GetInt32());
        await twin.AssertUnharmed(fingerprint, 0);

        // Made-up host names leave nothing behind: the unknown host's grain is gone once it has answered.
        var management = fixture.Grains.GetGrain<IManagementGrain>(0);
        var host = fixture.Grains.GetGrain<IHostGrain>(TwinKeys.Host(twin.FacilityId, "i-030791dc5a37cd257"));
        await Eventually.Get(async () => await management.GetActivationAddress(host), s => s is null, what: "the unknown host's grain deactivated");
    }

    [Fact]
    public async Task A_GPU_beyond_the_registered_count_is_refused_and_listed_and_the_others_apply()
    {
        await using var twin = await LiveTwin.Start(fixture);
        using (var post = await twin.Http.PostAsync("/api/racks", System.Net.Http.Json.JsonContent.Create(LiveTwin.RackBody(gpus: 6))))
        {
            await LiveTwin.Json(post, System.Net.HttpStatusCode.Created);
        }

        var reply = await LiveTwin.Json(await twin.PostPrometheus(Captures.Text(Captures.Dcgm8xH100)));

        Assert.Equal(6, reply.GetProperty("accepted").GetInt32());
        Assert.Equal(2, reply.GetProperty("rejected").GetInt32());
        var discovered = await Eventually.Get(
            async () => await LiveTwin.Json(await twin.Http.GetAsync("/api/discovered")),
            d => d.GetArrayLength() == 2, what: "GPUs 6 and 7 to be listed");
        Assert.All(discovered.EnumerateArray(), d => Assert.Equal("gpu", d.GetProperty("kind").GetString()));
        Assert.Equal(Captures.H100Power.Take(6), (await twin.LiveDetail()).GpuStatuses.Take(6).Select(g => g.PowerW!.Value));
    }

    [Fact]
    public async Task A_GPU_keeps_its_slot_by_UUID_when_the_exporter_renumbers_it()
    {
        await using var twin = await LiveTwin.Start(fixture);
        await twin.RegisterLiveRack();
        var t = SampleTimes.Now().Ms(2);
        await LiveTwin.Json(await twin.PostPrometheus(
            $"DCGM_FI_DEV_POWER_USAGE{{gpu=\"0\",UUID=\"GPU-a\",Hostname=\"{LiveTwin.Host}\"}} 100 {t}\nDCGM_FI_DEV_POWER_USAGE{{gpu=\"1\",UUID=\"GPU-b\",Hostname=\"{LiveTwin.Host}\"}} 200 {t}\n"));

        // After a reboot the exporter lists the same GPUs the other way round.
        var reply = await LiveTwin.Json(await twin.PostPrometheus(
            $"DCGM_FI_DEV_POWER_USAGE{{gpu=\"0\",UUID=\"GPU-b\",Hostname=\"{LiveTwin.Host}\"}} 210 {t + 1000}\nDCGM_FI_DEV_POWER_USAGE{{gpu=\"1\",UUID=\"GPU-a\",Hostname=\"{LiveTwin.Host}\"}} 110 {t + 1000}\n"));

        Assert.Equal(2, reply.GetProperty("accepted").GetInt32());
        var gpus = (await twin.LiveDetail()).GpuStatuses;
        Assert.Equal(("GPU-a", 110.0), (gpus[0].Uuid!, gpus[0].PowerW!.Value));
        Assert.Equal(("GPU-b", 210.0), (gpus[1].Uuid!, gpus[1].PowerW!.Value));
    }

    [Fact]
    public async Task Junk_values_are_reported_by_line_and_the_rest_applies()
    {
        await using var twin = await LiveTwin.Start(fixture);
        await twin.RegisterLiveRack();
        var body = $"DCGM_FI_DEV_GPU_TEMP{{gpu=\"0\",Hostname=\"{LiveTwin.Host}\"}} ERROR - FAILED TO CONVERT TO STRING\n"
            + $"DCGM_FI_DEV_POWER_USAGE{{gpu=\"0\",Hostname=\"{LiveTwin.Host}\"}} NaN\n"
            + $"DCGM_FI_DEV_POWER_USAGE{{gpu=\"1\",Hostname=\"{LiveTwin.Host}\"}} 250\n";

        var reply = await LiveTwin.Json(await twin.PostPrometheus(body));

        Assert.Equal(1, reply.GetProperty("accepted").GetInt32());
        Assert.Equal(2, reply.GetProperty("rejected").GetInt32());
        Assert.Equal([1, 2], reply.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("line").GetInt32()));
        var gpus = (await twin.LiveDetail()).GpuStatuses;
        Assert.Null(gpus[0].PowerW);
        Assert.Equal(250, gpus[1].PowerW);
    }

    [Fact]
    public async Task A_body_no_line_of_which_reads_is_a_bad_request()
    {
        await using var twin = await LiveTwin.Start(fixture);
        await twin.RegisterLiveRack();
        var fingerprint = await twin.Fingerprint();

        var garbage = await twin.PostPrometheus("DCGM_FI_DEV_POWER_USAGE{gpu=\"0\" 1\nDCGM_FI_DEV_GPU_TEMP{{{ x\n");
        var empty = await twin.PostPrometheus("# HELP nothing\n");

        var problem = await LiveTwin.Json(garbage, System.Net.HttpStatusCode.BadRequest);
        Assert.Equal(2, problem.GetProperty("errors").GetArrayLength());
        await LiveTwin.Json(empty, System.Net.HttpStatusCode.BadRequest);
        await twin.AssertUnharmed(fingerprint, 0);
    }

    private static string Stamp(string capture, double prompt, double generation, long ms) => ServerScrapes.Stamp(capture, "sglang", prompt, generation, ms);

    private static string Stamp(string capture, string prefix, double prompt, double generation, long ms) => ServerScrapes.Stamp(capture, prefix, prompt, generation, ms);
}
