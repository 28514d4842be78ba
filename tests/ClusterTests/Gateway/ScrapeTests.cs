using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TokenFactoryTwin.ClusterTests.Infrastructure;

namespace TokenFactoryTwin.ClusterTests.Gateway;

[Collection(TwinClusterCollection.Name)]
public sealed class ScrapeTests(TwinClusterFixture fixture)
{
    private static readonly Dictionary<string, string?> FastRefresh = new() { ["Twin:Scrape:RefreshSeconds"] = "0.5" };

    private static async Task<JsonElement> Target(LiveTwin twin, string id, Func<JsonElement, bool> until, string what) =>
        await Eventually.Get(
            async () => (await LiveTwin.Json(await twin.Http.GetAsync("/api/scrape-targets"))).EnumerateArray()
                .FirstOrDefault(t => t.GetProperty("id").GetString() == id),
            t => t.ValueKind == JsonValueKind.Object && until(t), what: what);

    [Fact]
    public async Task The_gateway_scrapes_a_registered_exporter_and_shows_it_up()
    {
        await using var exporter = await FixtureServer.Start(Captures.Text(Captures.Dcgm8xH100));
        await using var twin = await LiveTwin.Start(fixture, FastRefresh);
        await twin.RegisterLiveRack();

        var created = await twin.Http.PostAsync("/api/scrape-targets", JsonContent.Create(new { id = "node-1", url = exporter.MetricsUrl, intervalSeconds = 0.5, timeoutSeconds = 2 }));

        await LiveTwin.Json(created, HttpStatusCode.Created);
        var health = await Target(twin, "node-1", t => t.GetProperty("health").GetString() == "up", "the target to be up");
        Assert.Equal(8, health.GetProperty("lastAccepted").GetInt32());
        Assert.Equal(0, health.GetProperty("consecutiveFailures").GetInt32());
        var detail = await Eventually.Get(twin.LiveDetail, d => d.GpuStatuses.Count(g => g.PowerW is not null) == 8);
        Assert.Equal(Captures.H100Power, detail.GpuStatuses.Take(8).Select(g => g.PowerW!.Value));
        // Scraped again on its interval, not once.
        await Eventually.Get(() => Task.FromResult(exporter.Requests), n => n >= 3, what: "repeated scrapes");
    }

    [Fact]
    public async Task A_failing_target_is_down_with_the_reason_backs_off_and_recovers()
    {
        await using var exporter = await FixtureServer.Start(Captures.Text(Captures.Dcgm8xH100));
        exporter.Status = 500;
        await using var twin = await LiveTwin.Start(fixture, FastRefresh);
        await twin.RegisterLiveRack();

        await LiveTwin.Json(await twin.Http.PostAsync("/api/scrape-targets",
            JsonContent.Create(new { id = "flaky", url = exporter.MetricsUrl, intervalSeconds = 0.2, timeoutSeconds = 2 })), HttpStatusCode.Created);

        var down = await Target(twin, "flaky", t => t.GetProperty("consecutiveFailures").GetInt32() >= 3, "three failures in a row");
        Assert.Equal("down", down.GetProperty("health").GetString());
        Assert.Contains("500", down.GetProperty("lastError").GetString());
        var wait = down.GetProperty("nextScrape").GetDateTimeOffset() - down.GetProperty("lastScrape").GetDateTimeOffset();
        Assert.True(wait >= TimeSpan.FromSeconds(0.2 * 4 - 0.01), $"after 3 failures the wait should have doubled twice, was {wait}");

        exporter.Status = 200;
        var up = await Target(twin, "flaky", t => t.GetProperty("health").GetString() == "up", "the target to recover");
        Assert.Equal(0, up.GetProperty("consecutiveFailures").GetInt32());
    }

    [Fact]
    public async Task A_slow_target_times_out_and_an_unreachable_one_is_down()
    {
        await using var exporter = await FixtureServer.Start(Captures.Text(Captures.Dcgm8xH100));
        exporter.Delay = TimeSpan.FromSeconds(5);
        await using var twin = await LiveTwin.Start(fixture, FastRefresh);

        await LiveTwin.Json(await twin.Http.PostAsync("/api/scrape-targets",
            JsonContent.Create(new { id = "slow", url = exporter.MetricsUrl, intervalSeconds = 1, timeoutSeconds = 0.5 })), HttpStatusCode.Created);
        await LiveTwin.Json(await twin.Http.PostAsync("/api/scrape-targets",
            JsonContent.Create(new { id = "gone", url = "http://127.0.0.1:1/metrics", intervalSeconds = 1, timeoutSeconds = 0.5 })), HttpStatusCode.Created);

        var slow = await Target(twin, "slow", t => t.GetProperty("health").GetString() == "down", "the slow target to time out");
        Assert.Contains("within 0.5 s", slow.GetProperty("lastError").GetString());
        var gone = await Target(twin, "gone", t => t.GetProperty("health").GetString() == "down", "the unreachable target to be down");
        Assert.False(string.IsNullOrEmpty(gone.GetProperty("lastError").GetString()));
    }

    [Fact]
    public async Task Bad_targets_get_400_a_duplicate_409_and_delete_stops_scraping()
    {
        await using var twin = await LiveTwin.Start(fixture, FastRefresh);
        var good = new { id = "t1", url = "http://127.0.0.1:9/metrics", intervalSeconds = 10 };

        var bad = await twin.Http.PostAsync("/api/scrape-targets", JsonContent.Create(new { id = "a/b", url = "ftp://x", intervalSeconds = 0, timeoutSeconds = 100, host = "h", endpoint = "e" }));
        await LiveTwin.Json(await twin.Http.PostAsync("/api/scrape-targets", JsonContent.Create(good)), HttpStatusCode.Created);
        var duplicate = await twin.Http.PostAsync("/api/scrape-targets", JsonContent.Create(good));

        Assert.Equal(5, (await LiveTwin.Json(bad, HttpStatusCode.BadRequest)).GetProperty("problems").GetArrayLength());
        await LiveTwin.Json(duplicate, HttpStatusCode.Conflict);
        await Target(twin, "t1", _ => true, "the target to be listed");
        Assert.Equal(HttpStatusCode.NoContent, (await twin.Http.DeleteAsync("/api/scrape-targets/t1")).StatusCode);
        await Eventually.Get(async () => (await LiveTwin.Json(await twin.Http.GetAsync("/api/scrape-targets"))).GetArrayLength(), n => n == 0,
            what: "the target to be gone");
        await LiveTwin.Json(await twin.Http.DeleteAsync("/api/scrape-targets/t1"), HttpStatusCode.NotFound);
    }
}
