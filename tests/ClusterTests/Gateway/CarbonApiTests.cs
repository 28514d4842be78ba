using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.ClusterTests.Infrastructure;

namespace TokenFactoryTwin.ClusterTests.Gateway;

[Collection(TwinClusterCollection.Name)]
public sealed class CarbonApiTests(TwinClusterFixture fixture) : IAsyncLifetime
{
    private const double GramsPerKwh = 400;
    private ServedFacility _served = null!;

    private HttpClient Http => _served.Http;

    private string FacilityId => _served.FacilityId;

    public async Task InitializeAsync() => _served = await ServedFacility.Start(fixture, 2, 1, spec => spec with { Carbon = new CarbonSpec(GramsPerKwh) });

    public async Task DisposeAsync() => await _served.DisposeAsync();

    [Fact]
    public async Task Carbon_per_million_tokens_is_served_live_per_hall_in_the_history_in_metrics_and_in_the_comparison()
    {
        var carbon = await Eventually.Get(() => Http.GetFromJsonAsync<JsonElement>("/api/carbon"),
            c => c.GetProperty("facility").GetProperty("tokensPerSecond").GetDouble() > 0 && c.GetProperty("history").GetArrayLength() > 0,
            what: "tokens flowing and a history point");

        Assert.Equal(GramsPerKwh, carbon.GetProperty("gramsPerKwh").GetDouble());
        Assert.Equal("constant", carbon.GetProperty("source").GetString());
        var facility = carbon.GetProperty("facility");
        var (kw, tokens) = (facility.GetProperty("facilityPowerKw").GetDouble(), facility.GetProperty("tokensPerSecond").GetDouble());
        Assert.Equal(GramsPerKwh * kw / 3600 / tokens * 1e6, facility.GetProperty("gramsCo2PerMillionTokens").GetDouble(), 6);
        Assert.Equal(kw * 1000 / tokens, facility.GetProperty("joulesPerToken").GetDouble(), 9);
        Assert.Equal(2, carbon.GetProperty("halls").GetArrayLength());
        Assert.Contains(carbon.GetProperty("history").EnumerateArray(), p => p.GetProperty("gramsCo2PerMillionTokens").ValueKind == JsonValueKind.Number);

        var metrics = await Eventually.Get(() => Http.GetStringAsync("/metrics"),
            m => m.Contains("tokenfactory_facility_grams_co2_per_million_tokens", StringComparison.Ordinal)
                && m.Contains("tokenfactory_facility_joules_per_token", StringComparison.Ordinal),
            what: "carbon gauges in the Prometheus scrape");
        Assert.Contains("tokenfactory_facility_grid_carbon_intensity", metrics, StringComparison.Ordinal);

        using var created = await Http.PostAsJsonAsync("/api/scenarios", new { name = "carbon" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var column = (await Http.GetFromJsonAsync<JsonElement>($"/api/scenarios/compare?ids={id}"))[0];
        var baseline = column.GetProperty("baseline");
        Assert.Equal(GramsPerKwh * baseline.GetProperty("facilityPowerKw").GetDouble() / 3600 / baseline.GetProperty("tokensPerSecond").GetDouble() * 1e6,
            column.GetProperty("baselineGramsCo2PerMillionTokens").GetDouble(), 6);
        Assert.True(column.GetProperty("projectedJoulesPerToken").GetDouble() > 0);
    }

    [Fact]
    public async Task A_gateway_started_before_its_facility_has_the_carbon_gauges_soon_after_the_facility_starts()
    {
        var id = TestFacilities.NewId();
        await using var gateway = new GatewayFactory(fixture, id);
        using var http = gateway.CreateClient();
        // Meters are the process's: other gateways in this test process publish the same gauge for their facilities.
        bool HasIntensity(string metrics) => metrics.Split('\n').Any(line =>
            line.StartsWith("tokenfactory_facility_grid_carbon_intensity", StringComparison.Ordinal)
            && line.Contains($"tokenfactory_facility=\"{id}\"", StringComparison.Ordinal));
        Assert.False(HasIntensity(await http.GetStringAsync("/metrics")));

        var spec = TestFacilities.TwoHalls(id, 1, 1) with { Carbon = new CarbonSpec(GramsPerKwh) };
        await fixture.Grains.GetGrain<IFacilityTopologyGrain>(TwinKeys.Facility(id)).Start(spec, TestFacilities.FastTiming);

        // Within a few seconds, not the meter's 30 s period: a gateway asks every second until its facility answers.
        await Eventually.Get(() => http.GetStringAsync("/metrics"), HasIntensity,
            TimeSpan.FromSeconds(20), "the grid's carbon intensity for this facility in the Prometheus scrape");
    }

    [Fact]
    public async Task Each_hall_has_its_own_carbon_history_and_an_unknown_hall_is_404()
    {
        var points = await Eventually.Get(() => Http.GetFromJsonAsync<JsonElement>("/api/halls/hall-1/carbon"),
            h => h.GetArrayLength() > 0 && h.EnumerateArray().Any(p => p.GetProperty("gramsCo2PerMillionTokens").ValueKind == JsonValueKind.Number),
            what: "a point of hall 1's history with tokens flowing");
        var hallHistory = await Http.GetFromJsonAsync<JsonElement>("/api/halls/hall-1/history");

        // Each carbon point is the hall's history point at the grid's intensity: same instants, figures from its power and tokens.
        var point = points.EnumerateArray().Last(p => p.GetProperty("gramsCo2PerMillionTokens").ValueKind == JsonValueKind.Number);
        var asOf = point.GetProperty("asOf").GetDateTimeOffset();
        var source = hallHistory.EnumerateArray().Single(p => p.GetProperty("asOf").GetDateTimeOffset() == asOf);
        var (kw, tokens) = (source.GetProperty("facilityPowerKw").GetDouble(), source.GetProperty("tokensPerSecond").GetDouble());
        Assert.Equal(GramsPerKwh, point.GetProperty("gramsPerKwh").GetDouble());
        Assert.Equal(GramsPerKwh * kw / 3600 / tokens * 1e6, point.GetProperty("gramsCo2PerMillionTokens").GetDouble(), 6);
        Assert.Equal(kw * 1000 / tokens, point.GetProperty("joulesPerToken").GetDouble(), 9);

        using var missing = await Http.GetAsync("/api/halls/hall-9/carbon");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
