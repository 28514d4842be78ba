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
            var status = await started.Content.ReadFromJsonAsync<JsonElement>();
            var target = status.GetProperty("targetFacilityPowerKw").GetDouble();
            await Assertions.Expect(banner).ToBeVisibleAsync();
            await Assertions.Expect(banner.Locator("[data-flex=target]")).ToHaveTextAsync((target / 1000).ToString("N3", System.Globalization.CultureInfo.InvariantCulture));
            await Assertions.Expect(banner).ToContainTextAsync("tokens/s lost");
            await page.ScreenshotAsync(new() { Path = Path.Combine(LiveViewFixture.ScreenshotDirectory, "live-flex.png") });

            // A capped (simulated) rack's GPUs enforce the cap and, held at it, say so: the detail lists them binding.
            var planned = status.GetProperty("plan").GetProperty("racks")[0];
            var rack = planned.GetProperty("rack").GetString()!;
            var cap = planned.GetProperty("capWPerGpu").GetDouble();
            await FloorPlan.ClickRack(page, rack);
            var caps = page.GetByTestId("rack-detail").GetByTestId("gpu-caps");
            await Assertions.Expect(caps.Locator("tr[data-cap=binding]").First).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await Assertions.Expect(caps.Locator("tr[data-cap=binding]").First).ToContainTextAsync("power cap");
            await Assertions.Expect(caps.Locator("tr[data-cap=binding] td").Nth(3)).ToHaveTextAsync(cap.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
            await Assertions.Expect(caps.Locator("tr[data-cap=not-applied]")).ToHaveCountAsync(0);
            await page.ScreenshotAsync(new() { Path = Path.Combine(LiveViewFixture.ScreenshotDirectory, "live-flex-rack-caps.png"), FullPage = true });
        }
        finally
        {
            Assert.Equal(HttpStatusCode.NoContent, (await fixture.Http.DeleteAsync("/api/flex")).StatusCode);
        }

        await Assertions.Expect(banner).ToBeHiddenAsync();
        await page.Context.CloseAsync();
    }
}
