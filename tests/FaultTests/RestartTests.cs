using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TokenFactoryTwin.FaultTests.Infrastructure;

namespace TokenFactoryTwin.FaultTests;

public sealed class RestartTests
{
    [Fact]
    public async Task After_every_process_stops_and_starts_again_topology_racks_and_scenarios_are_as_they_were()
    {
        await using var twin = new TwinDeployment();
        await twin.Redis.Start();
        var silo = await twin.StartSilo();
        await twin.StartGateway();
        // The dashboard's assets are built beside the silo's start (DashboardAssetsWarmup): they are still served.
        using (var dashboard = await twin.Http.GetAsync($"http://127.0.0.1:{silo.WebPort}/dashboard/"))
        {
            Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
            Assert.Contains("<html", await dashboard.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }

        using var created = await twin.Http.PostAsJsonAsync(new Uri(twin.GatewayUrl, "/api/scenarios"), new { name = "two more GB300 racks" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var scenario = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        using var change = new HttpRequestMessage(HttpMethod.Post, new Uri(twin.GatewayUrl, $"/api/scenarios/{scenario}/changes"))
        {
            Content = JsonContent.Create(new { kind = "addRacks", rackType = "gb300-nvl72", count = 2, hall = "hall-2", powerA = "bw-h2-r1-a", powerB = "bw-h2-r1-b" }),
        };
        change.Headers.TryAddWithoutValidation("If-Match", created.Headers.ETag!.Tag);
        Assert.True((await twin.Http.SendAsync(change)).IsSuccessStatusCode);
        using var apply = await twin.Http.PostAsync(new Uri(twin.GatewayUrl, $"/api/scenarios/{scenario}/apply"), null);
        Assert.True(apply.IsSuccessStatusCode, await apply.Content.ReadAsStringAsync());
        var before = await twin.Get("/api/topology");
        Assert.Equal(26, before.GetProperty("racks").GetArrayLength());

        twin.Gateway!.Stop();
        silo.Process.Stop();
        twin.Redis.Stop();

        await twin.Redis.Start();
        await twin.StartSilo(silo.SiloPort, silo.GatewayPort, silo.WebPort);
        await twin.StartGateway();

        var after = await twin.Get("/api/topology");
        Assert.Equal(before.GetProperty("racks").ToString(), after.GetProperty("racks").ToString());
        var restored = await twin.Get($"/api/scenarios/{scenario}");
        Assert.Equal("two more GB300 racks", restored.GetProperty("name").GetString());
        Assert.Equal(1, restored.GetProperty("changes").GetArrayLength());
        await Eventually.Until(async () => (await twin.Get("/api/facility")).GetProperty("racks").GetInt32() == 26,
            TimeSpan.FromSeconds(30), "the applied virtual racks live again");
    }
}
