using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TokenFactoryTwin.ClusterTests.Infrastructure;

namespace TokenFactoryTwin.ClusterTests.Gateway;

[Collection(TwinClusterCollection.Name)]
public sealed class ScrapeTests(TwinClusterFixture fixture)
{
    private static readonly Dictionary<string, string?> FastRefresh = new() { ["Twin:Scrape:RefreshSeconds"] = "0.5" };

    [Fact]
    public async Task The_gateway_scrapes_a_registered_exporter_and_shows_it_up()
    {
        await using var exporter = await FixtureServer.Start(Captures.Text(Captures.Dcgm8xH100));
        await using var twin = await LiveTwin.Start(fixture, FastRefresh);
        await twin.RegisterLiveRack();

        var created = await twin.Http.PostAsync("/api/scrape-targets", JsonContent.Create(new { id = "node-1", url = exporter.MetricsUrl, intervalSeconds = 0.5, timeoutSeconds = 2 }));

        await LiveTwin.Json(created, HttpStatusCode.Created);
        var health = await twin.ScrapeTarget("node-1", t => t.GetProperty("health").GetString() == "up", "the target to be up");
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

        var down = await twin.ScrapeTarget("flaky", t => t.GetProperty("consecutiveFailures").GetInt32() >= 3, "three failures in a row");
        Assert.Equal("down", down.GetProperty("health").GetString());
        Assert.Contains("500", down.GetProperty("lastError").GetString());
        var wait = down.GetProperty("nextScrape").GetDateTimeOffset() - down.GetProperty("lastScrape").GetDateTimeOffset();
        Assert.True(wait >= TimeSpan.FromSeconds(0.2 * 4 - 0.01), $"after 3 failures the wait should have doubled twice, was {wait}");

        exporter.Status = 200;
        var up = await twin.ScrapeTarget("flaky", t => t.GetProperty("health").GetString() == "up", "the target to recover");
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

        var slow = await twin.ScrapeTarget("slow", t => t.GetProperty("health").GetString() == "down", "the slow target to time out");
        Assert.Contains("within 0.5 s", slow.GetProperty("lastError").GetString());
        var gone = await twin.ScrapeTarget("gone", t => t.GetProperty("health").GetString() == "down", "the unreachable target to be down");
        Assert.False(string.IsNullOrEmpty(gone.GetProperty("lastError").GetString()));
    }

    [Fact]
    public async Task A_slow_target_misses_its_round_and_is_tried_again_at_its_next_slot_not_backed_off()
    {
        await using var exporter = await FixtureServer.Start(Captures.Text(Captures.Dcgm8xH100));
        exporter.Delay = TimeSpan.FromSeconds(3);
        await using var twin = await LiveTwin.Start(fixture, FastRefresh);

        await LiveTwin.Json(await twin.Http.PostAsync("/api/scrape-targets",
            JsonContent.Create(new { id = "slow", url = exporter.MetricsUrl, intervalSeconds = 0.3, timeoutSeconds = 2 })), HttpStatusCode.Created);

        var slow = await twin.ScrapeTarget("slow", t => t.GetProperty("consecutiveFailures").GetInt32() >= 4, "four timeouts in a row");
        Assert.Equal("down", slow.GetProperty("health").GetString());
        // The timeout is at most the interval, and the next round is the next slot, however many rounds were missed.
        Assert.Contains("within 0.3 s", slow.GetProperty("lastError").GetString());
        var wait = slow.GetProperty("nextScrape").GetDateTimeOffset() - slow.GetProperty("lastScrape").GetDateTimeOffset();
        Assert.True(wait <= TimeSpan.FromSeconds(0.3), $"a timed-out target should be tried at its next slot, waited {wait}");
    }

    [Fact]
    public async Task No_more_scrapes_run_at_once_than_the_bound_and_rounds_that_could_not_start_in_time_are_counted()
    {
        await using var exporter = await FixtureServer.Start(Captures.Text(Captures.Dcgm8xH100));
        exporter.Delay = TimeSpan.FromSeconds(0.45);
        await using var twin = await LiveTwin.Start(fixture, new Dictionary<string, string?>(FastRefresh) { ["Twin:Scrape:MaxScrapesInFlight"] = "1" });

        // Three targets answering in 0.45 s each, every second: unbounded, two of them must overlap; one at a time they
        // need 1.35 s a second, so rounds fall behind until some cannot start within their interval.
        string[] ids = ["a", "b", "c"];
        foreach (var id in ids)
        {
            await LiveTwin.Json(await twin.Http.PostAsync("/api/scrape-targets",
                JsonContent.Create(new { id, url = exporter.MetricsUrl, intervalSeconds = 1, timeoutSeconds = 1 })), HttpStatusCode.Created);
        }

        var missed = await Eventually.Get(
            async () => (await LiveTwin.Json(await twin.Http.GetAsync("/api/scrape-targets"))).EnumerateArray()
                .Sum(t => t.GetProperty("roundsMissedLate").GetInt64()),
            n => n >= 2, what: "rounds missed for want of a free slot");

        Assert.True(missed >= 2);
        Assert.True(exporter.Requests >= 4, $"the targets should still be scraped one after another, saw {exporter.Requests} requests");
        Assert.Equal(1, exporter.MostAtOnce);
    }

    [Theory]
    [InlineData("50")]
    [InlineData("0")]
    public async Task Hosts_scraped_together_each_land_in_their_own_rack_whether_gathered_or_sent_one_by_one(string windowMs)
    {
        var capture = Captures.Text(Captures.Dcgm8xH100);
        await using var first = await FixtureServer.Start(capture);
        await using var second = await FixtureServer.Start(capture.Replace("Hostname=\"gpu-node-1\"", "Hostname=\"gpu-node-2\"", StringComparison.Ordinal));
        await using var twin = await LiveTwin.Start(fixture, new Dictionary<string, string?>(FastRefresh) { ["Twin:Scrape:BatchWindowMilliseconds"] = windowMs });
        await twin.RegisterLiveRack();
        await LiveTwin.Json(await twin.Http.PostAsync("/api/racks", JsonContent.Create(LiveTwin.RackBody("live-02", "gpu-node-2", position: 2))), HttpStatusCode.Created);

        foreach (var (id, server) in new[] { ("node-1", first), ("node-2", second) })
        {
            await LiveTwin.Json(await twin.Http.PostAsync("/api/scrape-targets",
                JsonContent.Create(new { id, url = server.MetricsUrl, intervalSeconds = 0.5, timeoutSeconds = 0.5 })), HttpStatusCode.Created);
        }

        foreach (var rack in new[] { LiveTwin.LiveRack, "live-02" })
        {
            var detail = await Eventually.Get(async () => (await twin.Rack(rack).GetDetail())!, d => d.GpuStatuses.Count(g => g.PowerW is not null) == 8,
                what: $"rack {rack}'s 8 GPUs to have their power");
            Assert.Equal(Captures.H100Power, detail.GpuStatuses.Take(8).Select(g => g.PowerW!.Value));
        }

        Assert.Equal(8, (await twin.ScrapeTarget("node-2", t => t.GetProperty("health").GetString() == "up", "node-2 to be up")).GetProperty("lastAccepted").GetInt32());
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
        await twin.ScrapeTarget("t1", _ => true, "the target to be listed");
        Assert.Equal(HttpStatusCode.NoContent, (await twin.Http.DeleteAsync("/api/scrape-targets/t1")).StatusCode);
        await Eventually.Get(async () => (await LiveTwin.Json(await twin.Http.GetAsync("/api/scrape-targets"))).GetArrayLength(), n => n == 0,
            what: "the target to be gone");
        await LiveTwin.Json(await twin.Http.DeleteAsync("/api/scrape-targets/t1"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_list_of_targets_is_registered_in_one_request_all_or_none()
    {
        await using var twin = await LiveTwin.Start(fixture, FastRefresh);
        object Target(string id, string url = "http://127.0.0.1:9400/metrics") => new { id, url, intervalSeconds = 60, timeoutSeconds = 5, host = "h" };

        var bad = await twin.Http.PostAsync("/api/scrape-targets", JsonContent.Create(new[] { Target("n-1"), Target("n-2", "ftp://x"), Target("n-1") }));
        var empty = await twin.Http.PostAsync("/api/scrape-targets", JsonContent.Create(Array.Empty<object>()));
        var created = await twin.Http.PostAsync("/api/scrape-targets", JsonContent.Create(new[] { Target("n-1"), Target("n-2"), Target("n-3") }));
        var overlapping = await twin.Http.PostAsync("/api/scrape-targets", JsonContent.Create(new[] { Target("n-4"), Target("n-2") }));

        var problems = (await LiveTwin.Json(bad, HttpStatusCode.BadRequest)).GetProperty("problems").EnumerateArray().Select(p => p.GetString()).ToList();
        Assert.Equal(["[1]: url 'ftp://x' is not an absolute http(s) URL", "the id 'n-1' is given more than once"], problems);
        await LiveTwin.Json(empty, HttpStatusCode.BadRequest);
        Assert.Equal(3, (await LiveTwin.Json(created, HttpStatusCode.Created)).GetArrayLength());
        var conflict = await LiveTwin.Json(overlapping, HttpStatusCode.Conflict);
        Assert.Equal(["n-2"], conflict.GetProperty("existing").EnumerateArray().Select(e => e.GetString()));
        var listed = await Eventually.Get(
            async () => (await LiveTwin.Json(await twin.Http.GetAsync("/api/scrape-targets"))).EnumerateArray().Select(t => t.GetProperty("id").GetString()).ToList(),
            ids => ids.Count == 3, what: "the three registered targets listed");
        Assert.Equal(["n-1", "n-2", "n-3"], listed);
    }
}
