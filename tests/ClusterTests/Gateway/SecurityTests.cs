using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using TokenFactoryTwin.ClusterTests.Infrastructure;

namespace TokenFactoryTwin.ClusterTests.Gateway;

[Collection(TwinClusterCollection.Name)]
public sealed class SecurityTests(TwinClusterFixture fixture)
{
    private const string IngestKey = "ingest-key-0123456789abcdef";
    private const string AdminKey = "admin-key-0123456789abcdef";
    private const string OtherIngestKey = "other-ingest-key-0123456789";
    private const string PlannerKey = "planner-key-0123456789abcdef";

    private static Dictionary<string, string?> Keys(int permits = 1000) => new()
    {
        ["Twin:ApiKeys:0:Name"] = "collector",
        ["Twin:ApiKeys:0:Key"] = IngestKey,
        ["Twin:ApiKeys:0:Roles:0"] = "ingest",
        ["Twin:ApiKeys:1:Name"] = "ops",
        ["Twin:ApiKeys:1:Key"] = AdminKey,
        ["Twin:ApiKeys:1:Roles:0"] = "admin",
        ["Twin:ApiKeys:2:Name"] = "collector-2",
        ["Twin:ApiKeys:2:Key"] = OtherIngestKey,
        ["Twin:ApiKeys:2:Roles:0"] = "ingest",
        ["Twin:ApiKeys:3:Name"] = "planning",
        ["Twin:ApiKeys:3:Key"] = PlannerKey,
        ["Twin:ApiKeys:3:Roles:0"] = "planner",
        ["Twin:RateLimit:PermitsPerWindow"] = permits.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Twin:RateLimit:WindowSeconds"] = "60",
    };

    private static HttpRequestMessage Post(string path, HttpContent content, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return request;
    }

    private static StringContent Dcgm() => new(Captures.Text(Captures.Dcgm8xH100), Encoding.UTF8, "text/plain");

    [Fact]
    public async Task With_keys_on_writes_need_a_key_with_the_right_role_and_reads_stay_open()
    {
        await using var twin = await LiveTwin.Start(fixture, Keys());
        var fingerprintBefore = (await twin.Topology.GetTopology())!.Racks.Count;

        var noKey = await twin.Http.SendAsync(Post("/api/racks", JsonContent.Create(LiveTwin.RackBody()), null));
        var badKey = await twin.Http.SendAsync(Post("/api/racks", JsonContent.Create(LiveTwin.RackBody()), "not-a-key-at-all-xxxxxxxx"));
        var wrongRole = await twin.Http.SendAsync(Post("/api/racks", JsonContent.Create(LiveTwin.RackBody()), IngestKey));
        var ingestNoKey = await twin.Http.SendAsync(Post("/api/ingest/prometheus", Dcgm(), null));

        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        Assert.Equal("Bearer", noKey.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Contains("Bearer", (await LiveTwin.Json(noKey, HttpStatusCode.Unauthorized)).GetProperty("detail").GetString());
        Assert.Contains("not known", (await LiveTwin.Json(badKey, HttpStatusCode.Unauthorized)).GetProperty("detail").GetString());
        Assert.Contains("collector", (await LiveTwin.Json(wrongRole, HttpStatusCode.Forbidden)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, ingestNoKey.StatusCode);
        Assert.Equal(fingerprintBefore, (await twin.Topology.GetTopology())!.Racks.Count);

        await twin.RegisterLiveRack(AdminKey);
        var ingest = await twin.Http.SendAsync(Post("/api/ingest/prometheus", Dcgm(), IngestKey));
        Assert.Equal(8, (await LiveTwin.Json(ingest)).GetProperty("accepted").GetInt32());
        var adminIngests = await twin.Http.SendAsync(Post("/api/telemetry",
            JsonContent.Create(new { samples = new[] { new { gpu = "live-01-g9", timestamp = SampleTimes.Now().Iso(0), powerW = 10 } } }), AdminKey));
        Assert.Equal(HttpStatusCode.OK, adminIngests.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await twin.Http.GetAsync("/api/facility")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await twin.Http.GetAsync("/api/discovered")).StatusCode);
    }

    [Fact]
    public async Task With_keys_on_scenario_writes_need_the_planner_role_and_scenario_reads_stay_open()
    {
        await using var twin = await LiveTwin.Start(fixture, Keys());
        var body = () => JsonContent.Create(new { name = "expansion" });

        var noKey = await twin.Http.SendAsync(Post("/api/scenarios", body(), null));
        var ingestKey = await twin.Http.SendAsync(Post("/api/scenarios", body(), IngestKey));
        var plannerKey = await twin.Http.SendAsync(Post("/api/scenarios", body(), PlannerKey));
        var applyAsIngest = await twin.Http.SendAsync(Post($"/api/scenarios/{(await LiveTwin.Json(plannerKey, HttpStatusCode.Created)).GetProperty("id").GetString()}/apply",
            new StringContent(""), IngestKey));

        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, ingestKey.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, applyAsIngest.StatusCode);
        var listed = await LiveTwin.Json(await twin.Http.GetAsync("/api/scenarios"));
        Assert.Equal(1, listed.GetArrayLength()); // only the planner's scenario was created
    }

    [Fact]
    public async Task Keys_are_never_logged_and_start_up_says_keys_are_on()
    {
        await using var twin = await LiveTwin.Start(fixture, Keys());
        await twin.Http.SendAsync(Post("/api/racks", JsonContent.Create(LiveTwin.RackBody()), IngestKey));
        await twin.Http.SendAsync(Post("/api/ingest/prometheus", Dcgm(), "wrong-key-that-is-long-enough"));
        await twin.RegisterLiveRack(AdminKey);

        var lines = twin.Gateway.Logs.Lines.ToList();
        Assert.Contains(lines, l => l.Contains("API keys are on: 4 key(s)") && l.Contains("collector"));
        Assert.DoesNotContain(lines, l => l.Contains(IngestKey) || l.Contains(AdminKey) || l.Contains(OtherIngestKey) || l.Contains(PlannerKey) || l.Contains("wrong-key-that-is-long-enough"));
    }

    [Fact]
    public async Task Without_keys_the_gateway_is_open_and_says_so_at_start_up()
    {
        await using var twin = await LiveTwin.Start(fixture);

        await twin.RegisterLiveRack();

        Assert.Contains(twin.Gateway.Logs.Lines, l => l.Contains("API keys are off"));
    }

    [Fact]
    public async Task Each_key_has_its_own_rate_limit_answered_with_429_and_Retry_After()
    {
        await using var twin = await LiveTwin.Start(fixture, Keys(permits: 2));
        await twin.RegisterLiveRack(AdminKey);
        var fingerprint = await twin.Fingerprint();

        var first = await twin.Http.SendAsync(Post("/api/ingest/prometheus", new StringContent("# nothing\nx 1\n"), IngestKey));
        var second = await twin.Http.SendAsync(Post("/api/ingest/prometheus", new StringContent("# nothing\nx 1\n"), IngestKey));
        var third = await twin.Http.SendAsync(Post("/api/ingest/prometheus", Dcgm(), IngestKey));
        var otherKey = await twin.Http.SendAsync(Post("/api/ingest/prometheus", new StringContent("x 1\n"), OtherIngestKey));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var problem = await LiveTwin.Json(third, HttpStatusCode.TooManyRequests);
        var retryAfter = third.Headers.RetryAfter!.Delta!.Value;
        Assert.InRange(retryAfter.TotalSeconds, 1, 60);
        Assert.Equal((int)retryAfter.TotalSeconds, problem.GetProperty("retryAfterSeconds").GetInt32());
        Assert.Equal(HttpStatusCode.OK, otherKey.StatusCode);
        await twin.AssertUnharmed(fingerprint, 0);
    }
}
