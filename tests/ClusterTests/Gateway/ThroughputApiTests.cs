using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.ClusterTests.Infrastructure;
using TokenFactoryTwin.Domain.Catalog;

namespace TokenFactoryTwin.ClusterTests.Gateway;

[Collection(TwinClusterCollection.Name)]
public sealed class ThroughputApiTests(TwinClusterFixture fixture) : IAsyncLifetime
{
    private ServedFacility _served = null!;

    private HttpClient Http => _served.Http;

    private string FacilityId => _served.FacilityId;

    public async Task InitializeAsync() => _served = await ServedFacility.Start(fixture, 1, 1);

    public async Task DisposeAsync() => await _served.DisposeAsync();

    private async Task<(HttpStatusCode Status, JsonElement Body)> Get(string path)
    {
        using var response = await Http.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    [Fact]
    public async Task A_point_says_its_figures_configuration_source_and_price()
    {
        var (status, point) = await Get("/api/throughput?model=llama-3.3-70b&gpu=gb300&precision=fp8&isl=1024&osl=1024&interactivity=50");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("modelled", point.GetProperty("source").GetString());
        var tokens = point.GetProperty("tokensPerGpuPerSecond").GetDouble();
        Assert.True(tokens > 0);
        Assert.True(point.GetProperty("interactivity").GetDouble() >= 49.9);
        Assert.True(point.GetProperty("tpotMs").GetDouble() <= 20.01);
        Assert.True(point.GetProperty("ttftMs").GetDouble() > 0);
        Assert.True(point.GetProperty("maxBatch").GetInt32() > 0);
        Assert.False(string.IsNullOrEmpty(point.GetProperty("bound").GetString()));
        var configuration = point.GetProperty("configuration");
        foreach (var field in new[] { "tp", "ep", "pp", "dpAttention", "disaggregated", "prefillGpus", "decodeGpus" })
        {
            Assert.True(configuration.TryGetProperty(field, out _), $"configuration lacks '{field}'");
        }

        // Priced by the same formulas as the article's table: $2.652 per GB300-hour, 2.1 kW all-in.
        Assert.Equal(2.652 / (tokens * 3600 / 1e6), point.GetProperty("costPerMillionTokensUsd").GetDouble(), 3);
        Assert.InRange(point.GetProperty("tokensPerSecondPerMegawatt").GetDouble(), tokens * 1000 / 2.1 - 50, tokens * 1000 / 2.1 + 50); // tokens/s per GPU is shown to 0.1
        Assert.Equal(tokens, CatalogLoader.BuiltIn.ResolveOperatingPoint(
            new Abstractions.Topology.WorkloadSpec("llama-3.3-70b", null, 50, "fp8", 1024, 1024), "gb300")!.TokensPerGpuPerSecond, 1);
    }

    [Fact]
    public async Task Without_an_interactivity_the_whole_front_comes_with_the_published_dots()
    {
        var (status, curve) = await Get("/api/throughput?model=deepseek-r1-0528&gpu=b200&precision=fp8&isl=8192&osl=1024");

        Assert.Equal(HttpStatusCode.OK, status);
        var points = curve.GetProperty("points").EnumerateArray().ToList();
        Assert.True(points.Count >= 5);
        Assert.All(points, p => Assert.Equal("modelled", p.GetProperty("source").GetString()));
        var published = curve.GetProperty("published").EnumerateArray().ToList();
        Assert.Equal([23.0, 42, 75, 120, 164], published.Select(p => p.GetProperty("interactivity").GetDouble()));
        Assert.All(published, p => Assert.Equal("published", p.GetProperty("source").GetString()));

        var (_, inside) = await Get("/api/throughput?model=deepseek-r1-0528&gpu=b200&precision=fp8&isl=8192&osl=1024&interactivity=75");
        Assert.Equal("published", inside.GetProperty("source").GetString());
        Assert.Equal(2557.7, inside.GetProperty("tokensPerGpuPerSecond").GetDouble(), 6);
    }

    [Theory]
    [InlineData("model=gpt-9&gpu=h200", 400, "model")]
    [InlineData("model=llama-3.3-70b&gpu=tpu7", 400, "gpu")]
    [InlineData("model=llama-3.3-70b&gpu=h200&precision=int3", 400, "precision")]
    [InlineData("model=llama-3.3-70b&gpu=h200&isl=lots", 400, "isl")]
    [InlineData("model=llama-3.3-70b&gpu=h200&interactivity=-5", 400, "interactivity")]
    [InlineData("model=llama-3.3-70b&gpu=h200&mtp=perhaps", 400, "mtp")]
    [InlineData("model=llama-3.3-70b&gpu=h200&priceTier=free", 400, "priceTier")]
    [InlineData("model=deepseek-r1-0528&gpu=h200&precision=fp4&interactivity=50", 422, "precision")]
    [InlineData("model=llama-3.1-405b&gpu=h100&interactivity=5000", 422, "interactivity")]
    public async Task What_cannot_be_answered_gets_a_reason_never_a_made_up_figure(string query, int status, string field)
    {
        var (code, problem) = await Get($"/api/throughput?{query}");

        Assert.Equal(status, (int)code);
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.StartsWith(field, problem.GetProperty("detail").GetString());
        Assert.False(problem.TryGetProperty("tokensPerGpuPerSecond", out _));
    }

    [Fact]
    public async Task Every_rack_is_measured_against_its_modelled_figure()
    {
        var report = await Eventually.Get(async () => (await Get("/api/efficiency")).Body,
            r => r.GetProperty("racks").GetArrayLength() == 2 && r.GetProperty("racks").EnumerateArray().All(x => x.GetProperty("measuredTokensPerSecond").GetDouble() > 0),
            what: "both racks measured");

        foreach (var rack in report.GetProperty("racks").EnumerateArray())
        {
            Assert.True(rack.GetProperty("modelledTokensPerSecond").GetDouble() > 0);
            Assert.InRange(rack.GetProperty("ratio").GetDouble(), 0.01, 1.5);
            Assert.Contains(rack.GetProperty("operatingPointSource").GetString(), new[] { "published", "modelled" });
        }

        var facility = report.GetProperty("facility");
        Assert.Equal(report.GetProperty("racks").EnumerateArray().Sum(r => r.GetProperty("measuredTokensPerSecond").GetDouble()),
            facility.GetProperty("measuredTokensPerSecond").GetDouble(), 3);
    }
}
