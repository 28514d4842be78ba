using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Abstractions.Kpis;
using TokenFactoryTwin.Abstractions.Topology;

namespace TokenFactoryTwin.ClusterTests.Infrastructure;

/// <summary>
/// A fresh facility (one simulated H200 rack in hall 1, GB300 hall empty) with a gateway in front of it, and
/// methods to register the live rack the captures feed: <see cref="LiveRack"/> holding host <see cref="Host"/>
/// (8 GPUs in slots 0..7 of a 32-GPU HGX H100 rack). Figures are read from the grains, inputs go over HTTP.
/// </summary>
public sealed class LiveTwin : IAsyncDisposable
{
    public const string LiveRack = "live-01";
    public const string Host = "gpu-node-1";
    public const int SimulatedGpus = 32;

    /// <summary>
    /// Quick flushes, but not so quick that the facilities of earlier tests (their timers keep running) load the
    /// shared cluster; a live rack only turns stale after 10 s, so a slow test machine does not make it flap.
    /// </summary>
    public static readonly TwinTiming Timing = new(TimeSpan.FromMilliseconds(250), StalePeriods: 40);

    private readonly TwinClusterFixture _cluster;

    private LiveTwin(TwinClusterFixture cluster, string id, GatewayFactory gateway, bool kestrel)
    {
        _cluster = cluster;
        FacilityId = id;
        Gateway = gateway;
        // No redirect handler: it buffers request bodies, which would hide a client that trickles one in.
        var options = new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false };
        if (kestrel)
        {
            // A real socket server, for what the in-memory test server cannot show (a client stalling mid-body).
            gateway.UseKestrel(kestrelOptions => kestrelOptions.Listen(System.Net.IPAddress.Loopback, 0));
            gateway.StartServer();
            var server = gateway.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>();
            options.BaseAddress = new Uri(server.Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First());
        }

        Http = gateway.CreateClient(options);
    }

    public string FacilityId { get; }

    public GatewayFactory Gateway { get; }

    public HttpClient Http { get; }

    public IFacilityKpiGrain Facility => _cluster.Grains.GetGrain<IFacilityKpiGrain>(TwinKeys.Facility(FacilityId));

    public IFacilityTopologyGrain Topology => _cluster.Grains.GetGrain<IFacilityTopologyGrain>(TwinKeys.Facility(FacilityId));

    public IRackGrain Rack(string id = LiveRack) => _cluster.Grains.GetGrain<IRackGrain>(TwinKeys.Rack(FacilityId, id));

    public static async Task<LiveTwin> Start(
        TwinClusterFixture cluster, IReadOnlyDictionary<string, string?>? settings = null, TwinTiming? timing = null, bool kestrel = false)
    {
        var id = TestFacilities.NewId("gw");
        await cluster.Grains.GetGrain<IFacilityTopologyGrain>(TwinKeys.Facility(id))
            .Start(TestFacilities.TwoHalls(id, h200Racks: 1, gb300Racks: 0), timing ?? Timing);
        return new LiveTwin(cluster, id, new GatewayFactory(cluster, id, settings), kestrel);
    }

    public static object RackBody(string id = LiveRack, string host = Host, int gpus = 8, int position = 1) => new
    {
        id,
        hall = "hall-1",
        rackType = "hgx-h100-4x",
        row = 2,
        position,
        powerA = "bw-1a",
        powerB = "bw-1b",
        source = new { kind = "live", hosts = new[] { new { hostname = host, gpus } } },
    };

    public async Task RegisterLiveRack(string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/racks") { Content = JsonContent.Create(RackBody()) };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        var response = await Http.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"registering the live rack: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public Task<HttpResponseMessage> PostPrometheus(string text, string query = "") =>
        Http.PostAsync($"/api/ingest/prometheus{query}", new StringContent(text, Encoding.UTF8, "text/plain"));

    public Task<HttpResponseMessage> PostJson(string path, string json) =>
        Http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public async Task<RackDetail> LiveDetail() => (await Rack().GetDetail())!;

    /// <summary>Pull target <paramref name="id"/>'s health from <c>GET /api/scrape-targets</c>, once it is listed and satisfies <paramref name="until"/>.</summary>
    public async Task<JsonElement> ScrapeTarget(string id, Func<JsonElement, bool> until, string what) =>
        await Eventually.Get(
            async () => (await Json(await Http.GetAsync("/api/scrape-targets"))).EnumerateArray()
                .FirstOrDefault(t => t.GetProperty("id").GetString() == id),
            t => t.ValueKind == JsonValueKind.Object && until(t), what: what);

    /// <summary>
    /// What a refused write must leave as it was: the live rack's GPUs (readings, rates, last sample) and how many
    /// GPUs the facility sees reporting.
    /// </summary>
    public async Task<string> Fingerprint()
    {
        var gpus = (await LiveDetail()).GpuStatuses.Select(g => g with { Stale = false });
        return JsonSerializer.Serialize(gpus);
    }

    public async Task AssertUnharmed(string fingerprint, int liveGpusReporting)
    {
        Assert.Equal(fingerprint, await Fingerprint());
        await Eventually.Get(Facility.GetKpis, k => k.GpusReporting == SimulatedGpus + liveGpusReporting,
            what: $"the facility to see {SimulatedGpus + liveGpusReporting} GPUs reporting");
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Gateway.DisposeAsync();
    }
}
