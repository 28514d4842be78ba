using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using TokenFactoryTwin.BrowserTests.Infrastructure;

namespace TokenFactoryTwin.BrowserTests;

[Collection(LiveViewCollection.Name)]
public sealed class LiveFlexTests(LiveViewFixture fixture)
{
    [Fact]
    public async Task A_running_flex_event_shows_its_target_against_measured_power_and_goes_when_it_ends()
    {
        var page = await fixture.OpenLiveView();
        var banner = page.GetByTestId("flex-banner");
        await Assertions.Expect(banner).ToBeHiddenAsync();
        var facility = await fixture.Http.GetFromJsonAsync<JsonElement>("/api/facility");

        using var started = await fixture.Http.PostAsJsonAsync("/api/flex", new { shedKw = 0.2 * facility.GetProperty("facilityPowerKw").GetDouble(), hours = 1 });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        try
        {
            var target = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("targetFacilityPowerKw").GetDouble();
            await Assertions.Expect(banner).ToBeVisibleAsync();
            await Assertions.Expect(banner.Locator("[data-flex=target]")).ToHaveTextAsync((target / 1000).ToString("N3", System.Globalization.CultureInfo.InvariantCulture));
            await Assertions.Expect(banner).ToContainTextAsync("tokens/s lost");
            await page.ScreenshotAsync(new() { Path = Path.Combine(LiveViewFixture.ScreenshotDirectory, "live-flex.png") });
        }
        finally
        {
            Assert.Equal(HttpStatusCode.NoContent, (await fixture.Http.DeleteAsync("/api/flex")).StatusCode);
        }

        await Assertions.Expect(banner).ToBeHiddenAsync();
        await page.Context.CloseAsync();
    }
}
