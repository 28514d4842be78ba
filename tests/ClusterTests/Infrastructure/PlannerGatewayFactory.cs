using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Domain.Planning;
using TokenFactoryTwin.Gateway.Planner;

namespace TokenFactoryTwin.ClusterTests.Infrastructure;

/// <summary>
/// The gateway in the test process, connected to the shared test cluster and serving one facility that the factory
/// starts first (two halls, constant load). Plus the few HTTP steps every planner test takes.
/// </summary>
public sealed class PlannerGatewayFactory(TwinClusterFixture fixture, string facilityId) : GatewayFactory(fixture, facilityId)
{
    public string FacilityId { get; } = facilityId;

    public IFacilityKpiGrain Facility => Cluster.Grains.GetGrain<IFacilityKpiGrain>(TwinKeys.Facility(FacilityId));

    public IFacilityTopologyGrain Topology => Cluster.Grains.GetGrain<IFacilityTopologyGrain>(TwinKeys.Facility(FacilityId));

    public static async Task<PlannerGatewayFactory> Start(TwinClusterFixture cluster, int h200Racks = 2, int gb300Racks = 2)
    {
        var id = TestFacilities.NewId("plan");
        var factory = new PlannerGatewayFactory(cluster, id);
        await factory.Topology.Start(TestFacilities.TwoHalls(id, h200Racks, gb300Racks), TestFacilities.FastTiming);
        await Eventually.Get(factory.Facility.GetRacks, r => r.Count == h200Racks + gb300Racks && r.All(x => x.TokensPerSecond > 0),
            what: "every rack reporting");
        return factory;
    }

    public static async Task<(string Id, string ETag)> CreateScenario(HttpClient http, string name = "expansion")
    {
        var response = await http.PostAsJsonAsync("/api/scenarios", new { name });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (body.RootElement.GetProperty("id").GetString()!, response.Headers.ETag!.Tag);
    }

    public static Task<HttpResponseMessage> PostChange(HttpClient http, string id, string? etag, string json) =>
        PostChange(http, id, etag, System.Text.Encoding.UTF8.GetBytes(json));

    /// <summary>A change body as raw bytes: for bodies that are not even text.</summary>
    public static Task<HttpResponseMessage> PostChange(HttpClient http, string id, string? etag, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/scenarios/{id}/changes") { Content = content };
        if (etag is not null)
        {
            request.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        }

        return http.SendAsync(request);
    }

    public static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    public static JsonSerializerOptions JsonOptions => PlannerJson.Options;
}
