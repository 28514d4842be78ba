using System.Net;
using System.Text;
using System.Text.Json;
using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.ClusterTests.Infrastructure;

namespace TokenFactoryTwin.ClusterTests.Gateway;

/// <summary>
/// Telemetry sent to a gateway whose facility does not run yet is held back with 503 and a Retry-After, so senders
/// retry into a running twin (nothing is applied meanwhile), and taken once the facility runs.
/// </summary>
[Collection(TwinClusterCollection.Name)]
public sealed class StartingFacilityTests(TwinClusterFixture fixture)
{
    [Fact]
    public async Task Telemetry_before_the_facility_runs_gets_503_with_retry_after_and_is_taken_once_it_runs()
    {
        var id = TestFacilities.NewId("starting");
        await using var gateway = new GatewayFactory(fixture, id);
        using var http = gateway.CreateClient();
        var topology = fixture.Grains.GetGrain<IFacilityTopologyGrain>(TwinKeys.Facility(id));

        foreach (var (path, body, mediaType) in Writes())
        {
            using var early = await http.PostAsync(path, new StringContent(body, Encoding.UTF8, mediaType));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, early.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(2), early.Headers.RetryAfter?.Delta);
            var problem = await LiveTwin.Json(early, HttpStatusCode.ServiceUnavailable);
            Assert.Contains("facility is starting", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.False(await topology.IsRunning());
        await topology.Start(TestFacilities.LiveRows(id, racks: 2), TestFacilities.FastTiming);
        Assert.True(await topology.IsRunning());

        var taken = await Eventually.Get(async () =>
        {
            using var response = await http.PostAsync("/api/telemetry", new StringContent(NativeSample(), Encoding.UTF8, "application/json"));
            return response.StatusCode == HttpStatusCode.OK ? await LiveTwin.Json(response) : default;
        }, reply => reply.ValueKind == JsonValueKind.Object, what: "the sample taken once the facility runs");
        Assert.Equal((1, 0), (taken.GetProperty("accepted").GetInt32(), taken.GetProperty("rejected").GetInt32()));
        var gpu = (await fixture.Grains.GetGrain<IRackGrain>(TwinKeys.Rack(id, "r01-01")).GetDetail())!.GpuStatuses[0];
        Assert.Equal(700, gpu.PowerW);
    }

    private static string NativeSample() =>
        JsonSerializer.Serialize(new { samples = new[] { new { gpu = "r01-01-g0", timestamp = DateTimeOffset.UtcNow.ToString("O"), powerW = 700.0 } } });

    /// <summary>One write of each telemetry format that answers in JSON: the native API, Prometheus text and OTLP/HTTP JSON.</summary>
    private static IEnumerable<(string Path, string Body, string MediaType)> Writes() =>
    [
        ("/api/telemetry", NativeSample(), "application/json"),
        ("/api/ingest/prometheus", Captures.Text(Captures.Dcgm8xH100), "text/plain"),
        ("/v1/metrics", """{"resourceMetrics":[]}""", "application/json"),
    ];
}
