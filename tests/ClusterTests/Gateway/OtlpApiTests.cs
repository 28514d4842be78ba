using System.Net;
using System.Net.Http.Headers;
using System.Text;
using TokenFactoryTwin.ClusterTests.Infrastructure;

namespace TokenFactoryTwin.ClusterTests.Gateway;

[Collection(TwinClusterCollection.Name)]
public sealed class OtlpApiTests(TwinClusterFixture fixture)
{
    [Fact]
    public async Task The_spec_example_is_accepted_with_nothing_rejected()
    {
        await using var twin = await LiveTwin.Start(fixture);
        await twin.RegisterLiveRack();
        var fingerprint = await twin.Fingerprint();

        var reply = await LiveTwin.Json(await twin.PostJson("/v1/metrics", Captures.Text(Captures.Otlp)));

        Assert.False(reply.TryGetProperty("partialSuccess", out _));
        await twin.AssertUnharmed(fingerprint, 0);
    }

    [Fact]
    public async Task Dcgm_gauges_and_token_sums_from_a_host_resource_reach_its_GPUs_and_bad_points_are_partial_success()
    {
        await using var twin = await LiveTwin.Start(fixture);
        await twin.RegisterLiveRack();
        var at = SampleTimes.Now();
        var json = $$$"""
            {"resourceMetrics":[{"resource":{"attributes":[{"key":"host.name","value":{"stringValue":"{{{LiveTwin.Host}}}"}}]},
              "scopeMetrics":[{"metrics":[
                {"name":"DCGM_FI_DEV_POWER_USAGE","gauge":{"dataPoints":[
                  {"asDouble":113.611,"timeUnixNano":"{{{at.Nanos(1)}}}","attributes":[{"key":"gpu","value":{"stringValue":"0"}}]},
                  {"asInt":"68","timeUnixNano":"{{{at.Nanos(1)}}}","attributes":[{"key":"gpu","value":{"intValue":"1"}}]},
                  {"asDouble":"NaN","timeUnixNano":"{{{at.Nanos(1)}}}","attributes":[{"key":"gpu","value":{"intValue":"2"}}]},
                  {"asDouble":-40,"timeUnixNano":"{{{at.Nanos(1)}}}","attributes":[{"key":"gpu","value":{"intValue":"3"}}]}]}},
                {"name":"vllm:generation_tokens_total","sum":{"aggregationTemporality":2,"isMonotonic":true,"dataPoints":[
                  {"asInt":"800","timeUnixNano":"{{{at.Nanos(1)}}}"}]}}]}]}]}
            """;
        var earlier = $$$"""
            {"resourceMetrics":[{"resource":{"attributes":[{"key":"host.name","value":{"stringValue":"{{{LiveTwin.Host}}}"}}]},
              "scopeMetrics":[{"metrics":[{"name":"vllm:generation_tokens_total","sum":{"dataPoints":[{"asInt":0,"timeUnixNano":"{{{at.Nanos(3)}}}"}]}}]}]}]}
            """;
        Assert.False((await LiveTwin.Json(await twin.PostJson("/v1/metrics", earlier))).TryGetProperty("partialSuccess", out _));

        var reply = await LiveTwin.Json(await twin.PostJson("/v1/metrics", json));

        var partial = reply.GetProperty("partialSuccess");
        Assert.Equal("2", partial.GetProperty("rejectedDataPoints").GetString());
        Assert.Contains("finite", partial.GetProperty("errorMessage").GetString());
        var gpus = (await twin.LiveDetail()).GpuStatuses;
        Assert.Equal([113.611, 68.0], gpus.Take(2).Select(g => g.PowerW!.Value));
        Assert.Null(gpus[2].PowerW);
        Assert.Null(gpus[3].PowerW);
        // 800 tokens in 2 s over the host's 8 GPUs.
        Assert.All(gpus.Take(8), g => Assert.Equal(50, g.TokensPerSecond, 6));
    }

    [Fact]
    public async Task Other_media_types_get_415_with_a_clear_message_and_malformed_JSON_400()
    {
        await using var twin = await LiveTwin.Start(fixture);
        await twin.RegisterLiveRack();
        var fingerprint = await twin.Fingerprint();
        var text = new ByteArrayContent([0x0a, 0x00]);
        text.Headers.ContentType = new MediaTypeHeaderValue("text/plain");

        var problem = await LiveTwin.Json(await twin.Http.PostAsync("/v1/metrics", text), HttpStatusCode.UnsupportedMediaType);
        await LiveTwin.Json(await twin.PostJson("/v1/metrics", "{\"resourceMetrics\": 3}"), HttpStatusCode.BadRequest);
        await LiveTwin.Json(await twin.Http.PostAsync("/v1/metrics", new StringContent("{", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        // A message field holding a number: the JSON reader would throw past the parser's checks, a 500 until refused.
        var notAMessage = await LiveTwin.Json(await twin.PostJson("/v1/metrics", "{\"resourceMetrics\": [1]}"), HttpStatusCode.BadRequest);
        Assert.Contains("must be an object", notAMessage.GetProperty("detail").GetString());

        Assert.Contains("application/x-protobuf", problem.GetProperty("detail").GetString());
        await twin.AssertUnharmed(fingerprint, 0);
    }
}
