using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.ClusterTests.Infrastructure;

namespace TokenFactoryTwin.ClusterTests.Gateway;

[Collection(TwinClusterCollection.Name)]
public sealed class FlexApiTests(TwinClusterFixture fixture) : IAsyncLifetime
{
    private ServedFacility _served = null!;

    private HttpClient Http => _served.Http;

    private string FacilityId => _served.FacilityId;

    public async Task InitializeAsync() => _served = await ServedFacility.Start(fixture, 2, 2);

    public async Task DisposeAsync() => await _served.DisposeAsync();

    [Fact]
    public async Task A_20_percent_shed_brings_facility_power_to_the_target_costs_tokens_and_ends_when_deleted()
    {
        var before = await Eventually.Get(() => Http.GetFromJsonAsync<JsonElement>("/api/facility"),
            f => f.GetProperty("gpusReporting").GetInt32() == f.GetProperty("gpus").GetInt32() && f.GetProperty("tokensPerSecond").GetDouble() > 0,
            what: "every rack reporting");
        var power = before.GetProperty("facilityPowerKw").GetDouble();
        var tokens = before.GetProperty("tokensPerSecond").GetDouble();

        using var started = await Http.PostAsJsonAsync("/api/flex", new { shedKw = 0.2 * power, hours = 3 });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var plan = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("plan");
        Assert.True(plan.GetProperty("met").GetBoolean());
        Assert.True(plan.GetProperty("racks").GetArrayLength() > 0);
        Assert.True(plan.GetProperty("breakEvenUsdPerMWh").GetDouble() > 0);
        var target = plan.GetProperty("targetFacilityKw").GetDouble();

        // The simulated racks follow the plan: measured power comes down to the target, and tokens/s fall.
        var during = await Eventually.Get(() => Http.GetFromJsonAsync<JsonElement>("/api/flex"),
            f => f.GetProperty("measuredFacilityPowerKw").GetDouble() <= target * 1.01,
            what: "facility power at the flex target");
        Assert.True(during.GetProperty("tokensPerSecondLost").GetDouble() > 0);
        Assert.True(during.GetProperty("tokensPerSecondNow").GetDouble() < tokens);

        // Each capped rack's recommended cap per GPU is on the scrape, for a cluster agent to apply.
        var rack = plan.GetProperty("racks")[0];
        var metrics = await Eventually.Get(() => Http.GetStringAsync("/metrics"),
            m => m.Contains($"tokenfactory_rack=\"{rack.GetProperty("rack").GetString()}\"", StringComparison.Ordinal),
            what: "the recommended cap in the Prometheus scrape");
        Assert.Contains("tokenfactory_rack_recommended_gpu_power_limit_watts", metrics, StringComparison.Ordinal);

        using var again = await Http.PostAsJsonAsync("/api/flex", new { shedKw = 10, hours = 1 });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await Http.DeleteAsync("/api/flex")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync("/api/flex")).StatusCode);
        await Eventually.Get(() => Http.GetFromJsonAsync<JsonElement>("/api/facility"),
            f => f.GetProperty("facilityPowerKw").GetDouble() >= power * 0.99,
            what: "facility power back up once the event ended");
    }

    [Fact]
    public async Task A_flex_event_with_both_a_shed_and_a_cap_is_refused_naming_the_field()
    {
        using var response = await Http.PostAsJsonAsync("/api/flex", new { shedKw = 100, capKw = 500, hours = 3 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("shedKw", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync("/api/flex")).StatusCode);
    }
}
