using System.Net;
using System.Net.Http.Json;
using TokenFactoryTwin.ClusterTests.Infrastructure;

namespace TokenFactoryTwin.ClusterTests.Gateway;

/// <summary>
/// Two gateways in front of one facility share its registered scrape targets, each target scraped by one of them,
/// and the one left takes them all when the other stops.
/// </summary>
[Collection(TwinClusterCollection.Name)]
public sealed class ScrapeSharingTests(TwinClusterFixture fixture)
{
    private const int Targets = 8;

    private static Dictionary<string, string?> Gateway(string id) => new()
    {
        ["Twin:Scrape:RefreshSeconds"] = "0.5",
        ["Twin:Scrape:GatewayId"] = id,
    };

    [Fact]
    public async Task Each_registered_target_is_scraped_by_one_gateway_and_the_one_left_takes_them_all()
    {
        await using var exporter = await FixtureServer.Start(Captures.Text(Captures.Dcgm8xH100));
        await using var twin = await LiveTwin.Start(fixture, Gateway("gw-one"));
        await twin.RegisterLiveRack();
        await using var second = new GatewayFactory(fixture, twin.FacilityId, Gateway("gw-two"));
        using var secondHttp = second.CreateClient();
        for (var i = 0; i < Targets; i++)
        {
            await LiveTwin.Json(await twin.Http.PostAsync("/api/scrape-targets",
                JsonContent.Create(new { id = $"node-{i}", url = $"{exporter.MetricsUrl}?node={i}", intervalSeconds = 0.5, timeoutSeconds = 2 })),
                HttpStatusCode.Created);
        }

        var (one, two) = await Eventually.Get(
            async () => (await Health(twin.Http), await Health(secondHttp)),
            lists => SharedOnce(lists.Item1, "gw-one", lists.Item2, "gw-two"),
            what: "every target up on one gateway and elsewhere, naming it, on the other");

        Assert.Contains(one.Values, t => t.Health == "up");
        Assert.Contains(two.Values, t => t.Health == "up");
        var scrapedBefore = exporter.Requests;

        await second.DisposeAsync();

        var left = await Eventually.Get(() => Health(twin.Http),
            list => list.Count == Targets && list.Values.All(t => t.Health == "up" && t.ScrapedBy == "gw-one"),
            what: "every target up on the gateway left");
        Assert.Equal(Targets, left.Count);
        Assert.True(exporter.Requests > scrapedBefore, "the targets are still scraped");
    }

    private static bool SharedOnce(Dictionary<string, TargetHealth> one, string oneId, Dictionary<string, TargetHealth> two, string twoId) =>
        one.Count == Targets && two.Count == Targets && one.Keys.All(id =>
            (one[id] is { Health: "up", ScrapedBy: var a } && a == oneId && two[id] is { Health: "elsewhere", ScrapedBy: var b } && b == oneId)
            || (two[id] is { Health: "up", ScrapedBy: var c } && c == twoId && one[id] is { Health: "elsewhere", ScrapedBy: var d } && d == twoId));

    private static async Task<Dictionary<string, TargetHealth>> Health(HttpClient http) =>
        (await LiveTwin.Json(await http.GetAsync("/api/scrape-targets"))).EnumerateArray().ToDictionary(
            t => t.GetProperty("id").GetString()!,
            t => new TargetHealth(t.GetProperty("health").GetString()!, t.GetProperty("scrapedBy").GetString()));

    private sealed record TargetHealth(string Health, string? ScrapedBy);
}
