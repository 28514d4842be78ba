using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using TokenFactoryTwin.ClusterTests.Infrastructure;

namespace TokenFactoryTwin.ClusterTests.Gateway;

/// <summary>
/// A real Prometheus (Debian's 2.42, remote write 1.0) scrapes the real captures, served on loopback with token
/// counters that move, and remote-writes them to one twin while a second twin pulls the same targets itself: the
/// pushed twin must show the same GPUs, powers and tokens/s as the pulling one.
/// </summary>
[Collection(TwinClusterCollection.Name)]
public sealed class RealPrometheusTests(TwinClusterFixture fixture)
{
    /// <summary>
    /// Tokens per second the served counters grow by, all on GPU 0: the capture's only GPU a pod holds
    /// (<c>namespace="dynamo-workload"</c>), where the server runs; the other seven are idle.
    /// </summary>
    private const double PromptRate = 800;

    private const double GenerationRate = 400;

    private const double OnGpu0 = PromptRate + GenerationRate;

    [Fact]
    public async Task Prometheus_remote_write_gives_the_twin_what_pulling_the_same_captures_gives()
    {
        var clock = Stopwatch.StartNew();
        var sglang = Captures.Text(Captures.Sglang);
        await using var dcgmExporter = await FixtureServer.Start(Captures.Text(Captures.Dcgm8xH100));
        await using var sglangServer = await FixtureServer.Start("");
        // The counters as a live server's: their starting values plus the chosen rate times the time since start.
        sglangServer.Render = () =>
        {
            var seconds = clock.Elapsed.TotalSeconds;
            return sglang
                .Replace("sglang:prompt_tokens_total{model_name=\"meta-llama/Llama-3.1-8B-Instruct\"} 8.128902e+06",
                    $"sglang:prompt_tokens_total{{model_name=\"meta-llama/Llama-3.1-8B-Instruct\"}} {Counter(8.128902e+06, PromptRate, seconds)}", StringComparison.Ordinal)
                .Replace("sglang:generation_tokens_total{model_name=\"meta-llama/Llama-3.1-8B-Instruct\"} 7.557572e+06",
                    $"sglang:generation_tokens_total{{model_name=\"meta-llama/Llama-3.1-8B-Instruct\"}} {Counter(7.557572e+06, GenerationRate, seconds)}", StringComparison.Ordinal);
        };
        Assert.DoesNotContain("} 7.557572e+06", sglangServer.Render(), StringComparison.Ordinal);

        await using var pulled = await LiveTwin.Start(fixture, new Dictionary<string, string?> { ["Twin:Scrape:RefreshSeconds"] = "0.5" });
        await pulled.RegisterLiveRack();
        await LiveTwin.Json(await pulled.Http.PostAsync("/api/scrape-targets",
            JsonContent.Create(new { id = "dcgm", url = dcgmExporter.MetricsUrl, intervalSeconds = 1, timeoutSeconds = 1 })), System.Net.HttpStatusCode.Created);
        await LiveTwin.Json(await pulled.Http.PostAsync("/api/scrape-targets",
            JsonContent.Create(new { id = "sglang", url = sglangServer.MetricsUrl, intervalSeconds = 1, timeoutSeconds = 1, host = LiveTwin.Host })), System.Net.HttpStatusCode.Created);

        await using var pushed = await LiveTwin.Start(fixture, kestrel: true);
        await pushed.RegisterLiveRack();
        await using var prometheus = await PrometheusServer.Start($"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:
              - job_name: dcgm
                static_configs:
                  - targets: ["{new Uri(dcgmExporter.MetricsUrl).Authority}"]
              - job_name: sglang
                static_configs:
                  - targets: ["{new Uri(sglangServer.MetricsUrl).Authority}"]
                    labels:
                      hostname: {LiveTwin.Host}
            remote_write:
              - url: {new Uri(pushed.Http.BaseAddress!, "/api/v1/write")}
                queue_config:
                  batch_send_deadline: 1s
                  min_backoff: 100ms
                  max_backoff: 1s
            """);

        var timeout = TimeSpan.FromSeconds(90);
        var viaPrometheus = await Eventually.Get(pushed.LiveDetail, Serving, timeout, "the remote-written twin to show 8 GPUs with power and GPU 0's tokens/s");
        var viaScrape = await Eventually.Get(pulled.LiveDetail, Serving, timeout, "the pulling twin to show 8 GPUs with power and GPU 0's tokens/s");

        Assert.Equal(Captures.H100Power, viaPrometheus.GpuStatuses.Take(8).Select(g => g.PowerW!.Value));
        Assert.Equal(viaScrape.GpuStatuses.Take(8).Select(g => g.PowerW), viaPrometheus.GpuStatuses.Take(8).Select(g => g.PowerW));
        Assert.Equal(viaScrape.GpuStatuses.Take(8).Select(g => g.Uuid), viaPrometheus.GpuStatuses.Take(8).Select(g => g.Uuid));
        Assert.All(viaPrometheus.GpuStatuses.Take(8).Zip(viaScrape.GpuStatuses.Take(8)),
            pair => Assert.True(Near(pair.First.TokensPerSecond, pair.Second.TokensPerSecond),
                $"tokens/s per GPU: {pair.First.TokensPerSecond} by remote write, {pair.Second.TokensPerSecond} by scrape"));
        Assert.DoesNotContain("level=error", prometheus.Log, StringComparison.Ordinal);
    }

    /// <summary>Every GPU with its power, GPU 0 at the served rate and the seven idle ones at none.</summary>
    private static bool Serving(Abstractions.Kpis.RackDetail detail)
    {
        var gpus = detail.GpuStatuses.Take(8).ToList();
        return gpus.All(g => g.PowerW is not null) && Near(gpus[0].TokensPerSecond, OnGpu0) && gpus.Skip(1).All(g => g.TokensPerSecond == 0);
    }

    private static string Counter(double start, double rate, double seconds) =>
        Math.Round(start + rate * seconds).ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// Within 10 %: each path times the counters by its own clock (Prometheus' scrape start, the gateway's receipt),
    /// a few milliseconds apart from the moment the server read its clock, on a 1 s interval.
    /// </summary>
    private static bool Near(double actual, double expected) => Math.Abs(actual - expected) <= 0.1 * expected;
}
