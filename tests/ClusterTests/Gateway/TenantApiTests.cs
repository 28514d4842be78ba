using System.Net;
using System.Text.Json;
using Google.Protobuf;
using TokenFactoryTwin.ClusterTests.Infrastructure;
using TokenFactoryTwin.Domain.Telemetry.Mapping;
using TokenFactoryTwin.Tests.Shared.Wire;

namespace TokenFactoryTwin.ClusterTests.Gateway;

/// <summary>
/// The real 8×H100 dcgm-exporter capture, whose GPU 0 is held by a vLLM pod (<c>namespace="dynamo-workload"</c>), with a
/// real vLLM or SGLang scrape on the same host: the pod's GPU serves the server's tokens, the other seven are idle, and
/// <c>/api/tenants</c> and <c>/api/models</c> say so with the capture's exact power.
/// </summary>
[Collection(TwinClusterCollection.Name)]
public sealed class TenantApiTests(TwinClusterFixture fixture)
{
    private const string Tenant = "dynamo-workload";
    private const string Qwen = "Qwen/Qwen2.5-0.5B-Instruct";

    [Fact]
    public async Task A_labelled_capture_and_its_vLLM_scrape_show_the_tenant_and_model_with_their_GPU_tokens_and_power()
    {
        await using var twin = await LiveTwin.Start(fixture);
        await twin.RegisterLiveRack();
        var dcgm = await LiveTwin.Json(await twin.PostPrometheus(Captures.Text(Captures.Dcgm8xH100)));
        Assert.Equal(8, dcgm.GetProperty("accepted").GetInt32());
        var at = SampleTimes.Now();
        var vllm = Captures.Text(Captures.Vllm);
        await LiveTwin.Json(await twin.PostPrometheus(ServerScrapes.Stamp(vllm, "vllm", 0, 0, at.Ms(3)), $"?host={LiveTwin.Host}"));
        await LiveTwin.Json(await twin.PostPrometheus(ServerScrapes.Stamp(vllm, "vllm", 1000, 3000, at.Ms(1)), $"?host={LiveTwin.Host}"));

        // 4,000 tokens in 2 s, all on GPU 0: the pod the server runs in. The other seven GPUs are idle.
        var tenants = await Lines(twin, "/api/tenants", Tenant);
        var tenant = Line(tenants.GetProperty("facility"), Tenant);
        var rack = (await twin.Rack().GetSnapshot())!;
        var hall = (await twin.Facility.GetHalls()).Single(h => h.Id == "hall-1");
        var restPerGpuKw = (rack.ItPowerKw - rack.GpuPowerKw) / rack.GpusReporting;
        Assert.Equal(1, tenant.GetProperty("gpus").GetInt32());
        Assert.Equal(2000, tenant.GetProperty("tokensPerSecond").GetDouble(), 6);
        Assert.Equal(1500, tenant.GetProperty("outputTokensPerSecond").GetDouble(), 6);
        Assert.Equal(Captures.H100Power[0] / 1000 + restPerGpuKw, tenant.GetProperty("itPowerKw").GetDouble(), 9);
        Assert.Equal((Captures.H100Power[0] / 1000 + restPerGpuKw) * hall.Pue, tenant.GetProperty("facilityPowerKw").GetDouble(), 9);
        Assert.Equal(tenant.GetProperty("costPerHourUsd").GetDouble() / (2000 * 3600.0) * 1e6, tenant.GetProperty("costPerMillionTokensUsd").GetDouble(), 9);
        var hallTenant = Line(tenants.GetProperty("halls").EnumerateArray().Single(h => h.GetProperty("hall").GetString() == "hall-1").GetProperty("lines"), Tenant);
        Assert.Equal(2000, hallTenant.GetProperty("tokensPerSecond").GetDouble(), 6);

        // The 31 other GPUs of the live rack (7 reporting at idle, 24 never seen) are idle; so the idle line holds at least them.
        var idle = Line(tenants.GetProperty("facility"), "(idle)");
        Assert.True(idle.GetProperty("gpus").GetInt32() >= 31, $"idle GPUs: {idle}");
        Assert.Equal(0, idle.GetProperty("tokensPerSecond").GetDouble());
        Assert.Equal(LiveTwin.SimulatedGpus + 32, tenants.GetProperty("facility").EnumerateArray().Sum(l => l.GetProperty("gpus").GetInt32()));

        var models = await Lines(twin, "/api/models", Qwen);
        var qwen = Line(models.GetProperty("facility"), Qwen);
        Assert.Equal((1, 2000.0), (qwen.GetProperty("gpus").GetInt32(), Math.Round(qwen.GetProperty("tokensPerSecond").GetDouble(), 6)));
        Assert.Equal(tenant.GetProperty("itPowerKw").GetDouble(), qwen.GetProperty("itPowerKw").GetDouble(), 9);

        // The GPUs' readings again, so the rack stays fresh however slowly this machine gets here.
        await LiveTwin.Json(await twin.PostPrometheus(Captures.Text(Captures.Dcgm8xH100)));
        var metrics = await Eventually.Get(() => twin.Http.GetStringAsync("/metrics"),
            m => Series(m, "tokenfactory_tenant_tokens_per_second", twin.FacilityId, $"tokenfactory_tenant=\"{Tenant}\"").Any(),
            what: "the tenant's tokens/s on the twin's meter");
        Assert.Equal(2000, Series(metrics, "tokenfactory_tenant_tokens_per_second", twin.FacilityId, $"tokenfactory_tenant=\"{Tenant}\"").Single(), 6);
        Assert.Single(Series(metrics, "tokenfactory_model_cost_per_million_tokens", twin.FacilityId, $"tokenfactory_model=\"{Qwen}\""));
    }

    [Fact]
    public async Task Remote_write_keeps_the_Kubernetes_labels_through_the_same_mapper()
    {
        await using var twin = await LiveTwin.Start(fixture);
        await twin.RegisterLiveRack();
        var at = SampleTimes.Now();
        var sglang = Captures.Text(Captures.Sglang);
        var dcgm = ForwardedCaptures.Of(Captures.Text(Captures.Dcgm8xH100), at.Ms(2), ("job", "dcgm"), ("instance", "10.0.0.5:9400"));
        var before = ForwardedCaptures.Of(ServerScrapes.Stamp(sglang, "sglang", 8128902, 7557572, at.Ms(2)), at.Ms(2), ("job", "sglang"), ("hostname", LiveTwin.Host));
        var after = ForwardedCaptures.Of(ServerScrapes.Stamp(sglang, "sglang", 8128902 + 1200, 7557572 + 800, at.Ms(0)), at.Ms(0), ("job", "sglang"), ("hostname", LiveTwin.Host));

        foreach (var request in new[] { dcgm, before, after })
        {
            using var response = await twin.Http.PostAsync("/api/v1/write", WireBodies.RemoteWrite(request.ToByteArray()));
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        // 2,000 tokens in 2 s, on the GPU the pod holds.
        var tenant = Line((await Lines(twin, "/api/tenants", Tenant)).GetProperty("facility"), Tenant);
        Assert.Equal((1, 1000.0), (tenant.GetProperty("gpus").GetInt32(), Math.Round(tenant.GetProperty("tokensPerSecond").GetDouble(), 6)));
        var model = Line((await Lines(twin, "/api/models", "meta-llama/Llama-3.1-8B-Instruct")).GetProperty("facility"), "meta-llama/Llama-3.1-8B-Instruct");
        Assert.Equal(1, model.GetProperty("gpus").GetInt32());
    }

    [Fact]
    public async Task An_absurdly_long_namespace_is_counted_and_reported_and_the_reading_still_applies()
    {
        await using var twin = await LiveTwin.Start(fixture);
        await twin.RegisterLiveRack();
        var tenant = new string('x', WorkloadLabelLimits.MaxLength + 1);

        var reply = await LiveTwin.Json(await twin.PostPrometheus(
            $"DCGM_FI_DEV_POWER_USAGE{{gpu=\"0\",Hostname=\"{LiveTwin.Host}\",namespace=\"{tenant}\",pod=\"p\"}} 250\n"));

        Assert.Equal(1, reply.GetProperty("accepted").GetInt32());
        Assert.Equal(1, reply.GetProperty("labelsDropped").GetInt32());
        Assert.Contains("longer than 253", reply.GetProperty("errors")[0].GetProperty("reason").GetString());
        Assert.Equal(250, (await twin.LiveDetail()).GpuStatuses[0].PowerW);
        var tenants = await LiveTwin.Json(await twin.Http.GetAsync("/api/tenants"));
        Assert.DoesNotContain(tenants.GetProperty("facility").EnumerateArray(), l => l.GetProperty("name").GetString()!.Length > WorkloadLabelLimits.MaxLength);
    }

    /// <summary>The values of a gauge's series for one facility with one label, from a Prometheus scrape.</summary>
    private static IEnumerable<double> Series(string scrape, string metric, string facility, string label) =>
        scrape.Split('\n')
            .Where(l => l.StartsWith(metric, StringComparison.Ordinal) && l.Contains($"tokenfactory_facility=\"{facility}\"", StringComparison.Ordinal)
                && l.Contains(label, StringComparison.Ordinal))
            .Select(l => double.Parse(l[(l.LastIndexOf('}') + 1)..].Trim(), System.Globalization.CultureInfo.InvariantCulture));

    private static async Task<JsonElement> Lines(LiveTwin twin, string path, string name) =>
        await Eventually.Get(
            async () => await LiveTwin.Json(await twin.Http.GetAsync(path)),
            t => t.GetProperty("facility").EnumerateArray().Any(l => l.GetProperty("name").GetString() == name && l.GetProperty("tokensPerSecond").GetDouble() > 0),
            what: $"{path} to list '{name}' producing tokens");

    private static JsonElement Line(JsonElement lines, string name) =>
        lines.EnumerateArray().Single(l => l.GetProperty("name").GetString() == name);
}
