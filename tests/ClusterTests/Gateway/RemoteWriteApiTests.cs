using System.Net;
using Google.Protobuf;
using Prometheus.Prompb;
using Snappier;
using TokenFactoryTwin.ClusterTests.Infrastructure;
using TokenFactoryTwin.Tests.Shared.Wire;

namespace TokenFactoryTwin.ClusterTests.Gateway;

[Collection(TwinClusterCollection.Name)]
public sealed class RemoteWriteApiTests(TwinClusterFixture fixture)
{
    private static Task<HttpResponseMessage> Write(LiveTwin twin, WriteRequest request, string query = "") =>
        twin.Http.PostAsync($"/api/v1/write{query}", WireBodies.RemoteWrite(request.ToByteArray()));

    [Fact]
    public async Task Forwarded_captures_reach_the_GPUs_and_the_host_the_token_series_name_with_204()
    {
        await using var twin = await LiveTwin.Start(fixture);
        await twin.RegisterLiveRack();
        var at = SampleTimes.Now();
        var dcgm = ForwardedCaptures.Of(Captures.Text(Captures.Dcgm8xH100), at.Ms(2), ("job", "dcgm"), ("instance", "10.0.0.5:9400"));
        var before = ForwardedCaptures.Of(Captures.Text(Captures.Sglang), at.Ms(2), ("job", "sglang"), ("hostname", LiveTwin.Host));
        var after = ForwardedCaptures.Of(Captures.Text(Captures.Sglang).Replace("sglang:generation_tokens_total{model_name=\"meta-llama/Llama-3.1-8B-Instruct\"} 7.557572e+06",
            "sglang:generation_tokens_total{model_name=\"meta-llama/Llama-3.1-8B-Instruct\"} 7.558372e+06", StringComparison.Ordinal), at.Ms(0), ("job", "sglang"), ("hostname", LiveTwin.Host));

        Assert.Equal(HttpStatusCode.NoContent, (await Write(twin, dcgm)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Write(twin, before)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Write(twin, after)).StatusCode);

        var gpus = (await twin.LiveDetail()).GpuStatuses;
        Assert.Equal(Captures.H100Power, gpus.Take(8).Select(g => g.PowerW!.Value));
        // 800 more generated tokens in 2 s, no prompt change, on the one GPU a pod holds (the capture's GPU 0 is labelled
        // namespace="dynamo-workload"): the server runs in that pod, the other seven GPUs are idle.
        Assert.Equal(400, gpus[0].OutputTokensPerSecond, 6);
        Assert.All(gpus.Skip(1).Take(7), g => Assert.Equal(0, g.OutputTokensPerSecond));
    }

    [Fact]
    public async Task Repeated_and_older_samples_change_nothing()
    {
        await using var twin = await LiveTwin.Start(fixture);
        await twin.RegisterLiveRack();
        var at = SampleTimes.Now();
        var latest = ForwardedCaptures.Of(Captures.Text(Captures.Dcgm8xH100), at.Ms(1));
        Assert.Equal(HttpStatusCode.NoContent, (await Write(twin, latest)).StatusCode);
        var fingerprint = await twin.Fingerprint();

        await Write(twin, latest);
        await Write(twin, ForwardedCaptures.Of(Captures.Text(Captures.Dcgm8xH100).Replace("113.611000", "999.000000", StringComparison.Ordinal), at.Ms(5)));

        Assert.Equal(fingerprint, await twin.Fingerprint());
    }

    [Fact]
    public async Task Samples_that_can_never_apply_get_400_with_the_reason_and_the_rest_is_applied()
    {
        await using var twin = await LiveTwin.Start(fixture);
        await twin.RegisterLiveRack();
        var at = SampleTimes.Now();
        var request = ForwardedCaptures.Of(Captures.Text(Captures.Dcgm8xH100).Replace("113.611000", "NaN", StringComparison.Ordinal), at.Ms(1));

        var problem = await LiveTwin.Json(await Write(twin, request), HttpStatusCode.BadRequest);

        Assert.Contains("not a finite number", problem.GetProperty("detail").GetString());
        Assert.Equal(1, problem.GetProperty("rejected").GetInt32());
        var gpus = (await twin.LiveDetail()).GpuStatuses;
        Assert.Null(gpus[0].PowerW);
        Assert.Equal(Captures.H100Power.Skip(1), gpus.Skip(1).Take(7).Select(g => g.PowerW!.Value));
    }

    [Fact]
    public async Task Hostile_bodies_get_4xx_and_harm_nothing()
    {
        await using var twin = await LiveTwin.Start(fixture);
        await twin.RegisterLiveRack();
        var fingerprint = await twin.Fingerprint();
        var valid = ForwardedCaptures.Of(Captures.Text(Captures.Dcgm8xH100), SampleTimes.Now().Ms(1)).ToByteArray();
        // Ten million empty series: 20 MB once inflated, a few kilobytes on the wire.
        var tenMillionSeries = new byte[20_000_000];
        for (var i = 0; i < tenMillionSeries.Length; i += 2)
        {
            tenMillionSeries[i] = 0x0a;
        }

        var truncated = await twin.Http.PostAsync("/api/v1/write", WireBodies.RemoteWrite(valid[..(valid.Length / 2)]));
        var bomb = await twin.Http.PostAsync("/api/v1/write", WireBodies.RemoteWrite(tenMillionSeries));
        var notSnappy = await twin.Http.PostAsync("/api/v1/write", WireBodies.Protobuf([0xff, 0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2, 3], "snappy"));
        var hugeLength = await twin.Http.PostAsync("/api/v1/write", WireBodies.RemoteWrite([0x0a, 0xff, 0xff, 0xff, 0xff, 0x07, 0x0a]));
        using var v2 = WireBodies.RemoteWrite(valid);
        v2.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("application/x-protobuf;proto=io.prometheus.write.v2.Request");
        var version2 = await twin.Http.PostAsync("/api/v1/write", v2);

        Assert.Contains("not a remote-write WriteRequest", (await LiveTwin.Json(truncated, HttpStatusCode.BadRequest)).GetProperty("detail").GetString());
        Assert.Contains("inflates to", (await LiveTwin.Json(bomb, HttpStatusCode.RequestEntityTooLarge)).GetProperty("detail").GetString());
        Assert.Contains("snappy", (await LiveTwin.Json(notSnappy, HttpStatusCode.BadRequest)).GetProperty("detail").GetString());
        Assert.Contains("declares", (await LiveTwin.Json(hugeLength, HttpStatusCode.BadRequest)).GetProperty("detail").GetString());
        Assert.Contains("2.0", (await LiveTwin.Json(version2, HttpStatusCode.UnsupportedMediaType)).GetProperty("detail").GetString());
        Assert.True(Snappy.CompressToArray(tenMillionSeries).Length < 2_000_000);
        await twin.AssertUnharmed(fingerprint, 0);
    }
}
