using System.Net;
using System.Net.Http.Headers;
using Orleans.Runtime;
using TokenFactoryTwin.ClusterTests.Infrastructure;
using static TokenFactoryTwin.ClusterTests.Infrastructure.PlannerGatewayFactory;

namespace TokenFactoryTwin.ClusterTests.Planner;

[Collection(TwinClusterCollection.Name)]
public sealed class PlannerApiTests(TwinClusterFixture fixture)
{
    private const string AddTwoGb300 = """{ "kind": "addRacks", "rackType": "gb300-nvl72", "count": 2, "hall": "hall-2", "powerA": "bw-2a", "powerB": "bw-2b" }""";

    [Fact]
    public async Task A_change_needs_the_current_ETag_and_a_stale_one_gets_412()
    {
        await using var gateway = await Start(fixture);
        using var http = gateway.CreateClient();
        var (id, etag) = await CreateScenario(http);
        Assert.Equal("\"1\"", etag);

        var missing = await PostChange(http, id, null, AddTwoGb300);
        Assert.Equal(HttpStatusCode.PreconditionRequired, missing.StatusCode);

        var added = await PostChange(http, id, etag, AddTwoGb300);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal("\"2\"", added.Headers.ETag!.Tag);
        var body = await Json(added);
        Assert.Equal(144, body.GetProperty("evaluation").GetProperty("delta").GetProperty("gpus").GetInt32());
        Assert.Equal(144 * 2.1, body.GetProperty("evaluation").GetProperty("delta").GetProperty("provisionedPowerKw").GetDouble(), 6);
        Assert.Equal("addRacks", body.GetProperty("changes")[0].GetProperty("change").GetProperty("kind").GetString());

        var stale = await PostChange(http, id, etag, """{ "kind": "setPue", "hall": "hall-1", "pue": 1.2 }""");
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("\"2\"", stale.Headers.ETag!.Tag);

        var scenario = await http.GetAsync($"/api/scenarios/{id}");
        Assert.Equal("\"2\"", scenario.Headers.ETag!.Tag);
        Assert.Equal(1, (await Json(scenario)).GetProperty("changes").GetArrayLength());
    }

    [Theory]
    [InlineData("""{ "kind": "addRacks", "rackType": "gb900", "count": 2, "hall": "hall-2", "powerA": "bw-2a" }""", "rackType")]
    [InlineData("""{ "kind": "addRacks", "rackType": "gb300-nvl72", "count": 0, "hall": "hall-2", "powerA": "bw-2a" }""", "count")]
    [InlineData("""{ "kind": "addRacks", "rackType": "gb300-nvl72", "count": 1, "hall": "hall-2", "powerA": "feed-z" }""", "powerA")]
    [InlineData("""{ "kind": "failPowerNode", "node": "ups-c" }""", "node")]
    [InlineData("""{ "kind": "buyEverything" }""", "kind")]
    [InlineData("""{ "count": 2 }""", "kind")]
    [InlineData("""{ "kind": "addRacks", "count": "many" }""", "count")]
    [InlineData("""[1, 2]""", "body")]
    [InlineData("""{ "kind": "setPue", "hall": "hall-1", "pue": 1.2""", "body")]
    public async Task An_invalid_change_gets_400_naming_the_field_and_changes_nothing(string json, string field)
    {
        await using var gateway = await Start(fixture);
        using var http = gateway.CreateClient();
        var (id, etag) = await CreateScenario(http);

        var response = await PostChange(http, id, etag, json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await Json(response)).GetProperty("errors").TryGetProperty(field, out _), await response.Content.ReadAsStringAsync());
        var scenario = await http.GetAsync($"/api/scenarios/{id}");
        Assert.Equal(etag, scenario.Headers.ETag!.Tag);
        Assert.Equal(0, (await Json(scenario)).GetProperty("changes").GetArrayLength());
    }

    [Fact]
    public async Task A_change_that_is_not_valid_utf8_gets_400_and_changes_nothing()
    {
        await using var gateway = await Start(fixture);
        using var http = gateway.CreateClient();
        var (id, etag) = await CreateScenario(http);
        // What the coverage-guided fuzzer found: one byte that is not UTF-8 inside "kind" (it was a 500).
        var body = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "fuzz", "scenario-change", "invalid-utf8-in-kind.json"));

        var response = await PostChange(http, id, etag, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not valid UTF-8", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var scenario = await http.GetAsync($"/api/scenarios/{id}");
        Assert.Equal(etag, scenario.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task A_scenario_survives_its_grains_being_deactivated()
    {
        await using var gateway = await Start(fixture);
        using var http = gateway.CreateClient();
        var (id, etag) = await CreateScenario(http, "persisted");
        var added = await PostChange(http, id, etag, AddTwoGb300);
        var before = await Json(added);

        var management = fixture.Grains.GetGrain<IManagementGrain>(0);
        await management.ForceActivationCollection(TimeSpan.Zero);
        var scenarioKey = $"{gateway.FacilityId}/{id}";
        await Eventually.Get(
            async () => (await management.GetActiveGrains(GrainType.Create("scenario"))).Any(g => g.Key.ToString() == scenarioKey),
            active => !active, what: "the scenario grain deactivated");

        var after = await http.GetAsync($"/api/scenarios/{id}");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal("\"2\"", after.Headers.ETag!.Tag);
        var body = await Json(after);
        Assert.Equal("persisted", body.GetProperty("name").GetString());
        Assert.Equal("gb300-nvl72", body.GetProperty("changes")[0].GetProperty("change").GetProperty("rackType").GetString());
        Assert.Equal(before.GetProperty("evaluation").GetProperty("projected").GetProperty("tokensPerSecond").GetDouble(),
            body.GetProperty("evaluation").GetProperty("projected").GetProperty("tokensPerSecond").GetDouble(), 9);
        var list = await Json(await http.GetAsync("/api/scenarios"));
        Assert.Contains(list.EnumerateArray(), s => s.GetProperty("id").GetString() == id);
    }

    [Fact]
    public async Task Apply_adds_the_planned_racks_to_the_live_twin_as_virtual_and_unapply_removes_them()
    {
        await using var gateway = await Start(fixture);
        using var http = gateway.CreateClient();
        var (id, etag) = await CreateScenario(http);
        await PostChange(http, id, etag, AddTwoGb300);

        var applied = await http.PostAsync($"/api/scenarios/{id}/apply", null);
        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        var racks = (await Json(applied)).GetProperty("racks").EnumerateArray().Select(r => r.GetString()!).ToList();
        Assert.Equal([$"{id}-1-001", $"{id}-1-002"], racks);

        var topology = await gateway.Topology.GetTopology();
        var added = topology!.Racks.Where(r => racks.Contains(r.Id)).ToList();
        Assert.Equal(2, added.Count);
        Assert.All(added, r => Assert.True(r.Virtual));
        Assert.All(added, r => Assert.Equal("simulated", r.Source.Kind));
        var kpis = await Eventually.Get(gateway.Facility.GetKpis, k => k.VirtualRacks == 2 && k.Gpus == 2 * 32 + 4 * 72, what: "virtual racks reporting");
        Assert.Equal(6, kpis.Racks);

        var again = await http.PostAsync($"/api/scenarios/{id}/apply", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        var removed = await http.DeleteAsync($"/api/scenarios/{id}/apply");
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.DoesNotContain((await gateway.Topology.GetTopology())!.Racks, r => racks.Contains(r.Id));
    }

    [Fact]
    public async Task Compare_fit_and_removing_a_change()
    {
        await using var gateway = await Start(fixture);
        using var http = gateway.CreateClient();
        var (plain, _) = await CreateScenario(http, "as is");
        var (grown, etag) = await CreateScenario(http, "grown");
        await PostChange(http, grown, etag, AddTwoGb300);

        var compare = await Json(await http.GetAsync($"/api/scenarios/compare?ids={plain},{grown}"));
        Assert.Equal(0, compare[0].GetProperty("delta").GetProperty("gpus").GetInt32());
        Assert.Equal(144, compare[1].GetProperty("delta").GetProperty("gpus").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/api/scenarios/compare?ids={plain},nope")).StatusCode);

        var fit = await Json(await http.GetAsync($"/api/scenarios/{plain}/fit?hall=hall-2&stopAt=power"));
        Assert.True(fit.GetProperty("fitsBeforePower").GetInt32() >= 1);
        Assert.Equal(fit.GetProperty("fitsBeforePower").GetInt32() + 2, fit.GetProperty("steps").GetArrayLength());
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync($"/api/scenarios/{plain}/fit?hall=hall-9")).StatusCode);

        var remove = new HttpRequestMessage(HttpMethod.Delete, $"/api/scenarios/{grown}/changes/1");
        remove.Headers.IfMatch.Add(new EntityTagHeaderValue("\"2\""));
        var removed = await http.SendAsync(remove);
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal("\"3\"", removed.Headers.ETag!.Tag);
        Assert.Equal(0, (await Json(removed)).GetProperty("evaluation").GetProperty("delta").GetProperty("gpus").GetInt32());

        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync($"/api/scenarios/{plain}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/api/scenarios/{plain}")).StatusCode);
    }

    [Fact]
    public async Task A_planner_puts_llama_fp8_on_virtual_gb300_racks_at_50_tokens_per_user_and_reads_the_projection()
    {
        await using var gateway = await Start(fixture);
        using var http = gateway.CreateClient();
        var (id, etag) = await CreateScenario(http, "llama on gb300");
        var change = """
            { "kind": "addRacks", "rackType": "gb300-nvl72", "count": 2, "hall": "hall-2", "powerA": "bw-2a", "powerB": "bw-2b",
              "workload": { "model": "llama-3.3-70b", "precision": "fp8", "inputTokens": 1024, "outputTokens": 1024, "interactivity": 50 } }
            """;

        var response = await PostChange(http, id, etag, change);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var evaluation = (await Json(response)).GetProperty("evaluation");
        var modelled = Domain.Catalog.CatalogLoader.BuiltIn.ResolveOperatingPoint(
            new Abstractions.Topology.WorkloadSpec("llama-3.3-70b", null, 50, "fp8", 1024, 1024), "gb300")!;
        Assert.Equal("modelled", modelled.Origin);
        Assert.Equal(2 * 72 * modelled.TokensPerGpuPerSecond, evaluation.GetProperty("delta").GetProperty("tokensPerSecond").GetDouble(), 0);
        Assert.True(evaluation.GetProperty("projected").GetProperty("tokensPerSecondPerMegawatt").GetDouble() > 0);
        Assert.True(evaluation.GetProperty("projected").GetProperty("costPerMillionTokensUsd").GetDouble() > 0);

        var refused = await PostChange(http, id, response.Headers.ETag!.Tag, """
            { "kind": "addRacks", "rackType": "hgx-h200-4x", "count": 1, "hall": "hall-1", "powerA": "bw-1a",
              "workload": { "model": "deepseek-r1-0528", "precision": "fp4" } }
            """);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("fp4", await refused.Content.ReadAsStringAsync());
    }
}
