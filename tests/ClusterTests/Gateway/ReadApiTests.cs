using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.ClusterTests.Infrastructure;

namespace TokenFactoryTwin.ClusterTests.Gateway;

[Collection(TwinClusterCollection.Name)]
public sealed class ReadApiTests(TwinClusterFixture fixture) : IAsyncLifetime
{
    private ServedFacility _served = null!;

    private HttpClient Http => _served.Http;

    private string FacilityId => _served.FacilityId;

    public async Task InitializeAsync() => _served = await ServedFacility.Start(fixture, 2, 1);

    public async Task DisposeAsync() => await _served.DisposeAsync();

    private async Task<JsonElement> GetJson(string path)
    {
        using var response = await Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task The_facility_answers_with_every_kpi_the_operators_read()
    {
        var facility = await Eventually.Get(() => GetJson("/api/facility"), f => f.GetProperty("gpusReporting").GetInt32() == 2 * 32 + 72
            && f.GetProperty("tokensPerSecond").GetDouble() > 0, what: "the facility reporting");

        foreach (var field in new[] { "id", "name", "asOf", "racks", "gpus", "tokensPerSecond", "outputTokensPerSecond", "itPowerKw",
                     "facilityPowerKw", "provisionedPowerKw", "pue", "tokensPerSecondPerMegawatt", "tokensPerSecondPerProvisionedMegawatt",
                     "costPerHourUsd", "costPerMillionTokensUsd", "staleRacks" })
        {
            Assert.True(facility.TryGetProperty(field, out _), $"/api/facility lacks '{field}'");
        }

        Assert.Equal(FacilityId, facility.GetProperty("id").GetString());
        Assert.Equal(3, facility.GetProperty("racks").GetInt32());
    }

    [Fact]
    public async Task Racks_halls_power_and_links_are_listed_and_a_rack_drills_down_to_its_gpus()
    {
        var racks = await Eventually.Get(() => GetJson("/api/racks"), r => r.GetArrayLength() == 3, what: "three racks listed");
        var halls = await GetJson("/api/halls");
        var power = await GetJson("/api/power");
        var links = await GetJson("/api/links");
        var rack = await GetJson("/api/racks/h2-01");
        var gpu = await GetJson("/api/gpus/h2-01-g71");

        Assert.Equal(["hall-1", "hall-2"], halls.EnumerateArray().Select(h => h.GetProperty("id").GetString()));
        Assert.All(racks.EnumerateArray(), r => Assert.True(r.TryGetProperty("stale", out _)));
        Assert.Equal(8, power.GetArrayLength());
        Assert.All(power.EnumerateArray(), n => Assert.True(n.TryGetProperty("loadIfPartnerLostKw", out _)));
        Assert.Equal(3, links.GetArrayLength());
        Assert.Equal(72, rack.GetProperty("gpus").GetArrayLength());
        Assert.Equal("h2-01-g71", gpu.GetProperty("id").GetString());
        Assert.Equal("h2-01", gpu.GetProperty("rack").GetString());
        Assert.True(gpu.TryGetProperty("powerW", out _));
    }

    [Theory]
    [InlineData("/api/racks/no-such-rack", "no-such-rack")]
    [InlineData("/api/gpus/h2-01-g72", "No GPU 72")]
    [InlineData("/api/gpus/not-a-gpu", "not a GPU id")]
    public async Task Unknown_ids_answer_404_with_a_reason(string path, string reason)
    {
        using var response = await Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("h200", 93.3, 53931, 4.198)]
    [InlineData("gb300", 6000, 2857143, 0.1228)]
    public async Task The_economics_calculator_reproduces_the_articles_table(string gpu, double tokens, double perMw, double cost)
    {
        var economics = await GetJson($"/api/economics?gpu={gpu}&tokensPerGpuPerSecond={tokens}&priceTier=hyperscaler");

        Assert.Equal(perMw, Math.Round(economics.GetProperty("tokensPerSecondPerMegawatt").GetDouble()));
        Assert.Equal(cost, economics.GetProperty("costPerMillionTokensUsd").GetDouble(), cost < 1 ? 4 : 3);
        Assert.True(economics.GetProperty("joulesPerToken").GetDouble() > 0);
    }

    [Theory]
    [InlineData("/api/economics?tokensPerGpuPerSecond=10", "'gpu' is required")]
    [InlineData("/api/economics?gpu=h900&tokensPerGpuPerSecond=10", "Unknown gpu 'h900'")]
    [InlineData("/api/economics?gpu=h200&tokensPerGpuPerSecond=-3", "positive number")]
    [InlineData("/api/economics?gpu=h200&tokensPerGpuPerSecond=NaN", "positive number")]
    [InlineData("/api/economics?gpu=h200&tokensPerGpuPerSecond=10&priceTier=spot", "Unknown priceTier 'spot'")]
    public async Task Bad_calculator_queries_answer_400_with_a_reason(string path, string reason)
    {
        using var response = await Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_catalog_health_openapi_and_metrics_are_served()
    {
        var catalog = await GetJson("/api/catalog");
        Assert.Contains(catalog.GetProperty("rackTypes").EnumerateArray(), r => r.GetProperty("id").GetString() == "gb300-nvl72");
        Assert.All(catalog.GetProperty("gpus").EnumerateArray(), g => Assert.NotEmpty(g.GetProperty("sources").EnumerateObject()));

        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync("/alive")).StatusCode);
        var openApi = await GetJson("/openapi/v1.json");
        Assert.True(openApi.GetProperty("paths").TryGetProperty("/api/facility", out _));

        // Cost per million tokens has no value until tokens flow, so wait for both gauges.
        var metrics = await Eventually.Get(() => Http.GetStringAsync("/metrics"),
            m => m.Contains("tokenfactory_facility_tokens_per_second") && m.Contains("tokenfactory_facility_cost_per_million_tokens"),
            what: "the twin's meter in the Prometheus scrape");
        Assert.Contains("tokenfactory_scope=\"hall\"", metrics);
    }
}
