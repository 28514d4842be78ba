using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using TokenFactoryTwin.BrowserTests.Infrastructure;

namespace TokenFactoryTwin.BrowserTests;

[Collection(LiveViewCollection.Name)]
public sealed class LiveCarbonTests(LiveViewFixture fixture)
{
    [Fact]
    public async Task The_live_view_shows_carbon_per_million_tokens_at_the_sites_grid_intensity()
    {
        var page = await fixture.OpenLiveView();
        var tile = page.GetByTestId("kpi-carbon");

        await Assertions.Expect(tile.Locator("[data-kpi-detail]")).ToContainTextAsync($"{LiveViewFacility.GramsPerKwh:0} g/kWh (constant)");
        await Assertions.Expect(tile.Locator("[data-kpi-detail]")).ToContainTextAsync("J/token");
        var shown = double.Parse(await tile.GetAttributeAsync("data-grams-per-million-tokens") ?? "", CultureInfo.InvariantCulture);

        // What the tile shows is what the API computes from the facility's own power and tokens.
        var carbon = await fixture.Http.GetFromJsonAsync<JsonElement>("/api/carbon");
        var facility = carbon.GetProperty("facility");
        Assert.True(shown > 0);
        Assert.InRange(shown, 0.5 * facility.GetProperty("gramsCo2PerMillionTokens").GetDouble(), 2 * facility.GetProperty("gramsCo2PerMillionTokens").GetDouble());
        await page.Context.CloseAsync();
    }
}
