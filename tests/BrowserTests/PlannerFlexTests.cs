using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using TokenFactoryTwin.BrowserTests.Infrastructure;

namespace TokenFactoryTwin.BrowserTests;

[Collection(LiveViewCollection.Name)]
public sealed class PlannerFlexTests(LiveViewFixture fixture)
{
    [Fact]
    public async Task A_20_percent_flex_event_shows_the_capped_racks_the_cost_and_both_curves_the_API_gives()
    {
        var page = await fixture.OpenPage("/planner.html");
        await page.Locator("#scenario-name").FillAsync("Shed 20 %");
        await page.GetByRole(AriaRole.Button, new() { Name = "Fork the live twin" }).ClickAsync();
        await Assertions.Expect(page.Locator("#scenario-meta")).ToContainTextAsync("version");
        var id = await page.Locator("#scenario-list").InputValueAsync();
        await Assertions.Expect(page.GetByTestId("flex")).ToHaveAttributeAsync("data-state", "empty");

        await page.GetByTestId("flex-percent").FillAsync("20");
        await page.GetByTestId("flex-hours").FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Plan the event" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("flex")).ToHaveAttributeAsync("data-state", "planned");
        await Assertions.Expect(page.Locator("#error")).ToBeEmptyAsync();
        await Assertions.Expect(page.Locator("#change-list li[data-kind=flexEvent]")).ToContainTextAsync("for 3 h");

        // The page shows what the API planned: the same racks, the same figures.
        var scenario = await fixture.Http.GetFromJsonAsync<JsonElement>($"/api/scenarios/{id}");
        var plan = scenario.GetProperty("evaluation").GetProperty("flex").EnumerateArray().Last();
        var racks = plan.GetProperty("racks").GetArrayLength();
        Assert.True(racks > 0);
        Assert.True(plan.GetProperty("met").GetBoolean());
        await Assertions.Expect(page.Locator("#flex-racks tbody tr")).ToHaveCountAsync(racks);
        var lost = plan.GetProperty("tokensPerSecondLost").GetDouble().ToString("N0", CultureInfo.InvariantCulture);
        await Assertions.Expect(page.GetByTestId("flex-answer")).ToContainTextAsync($"loses {lost} tokens/s");
        await Assertions.Expect(page.GetByTestId("flex-answer")).ToContainTextAsync("Break-even demand-response price: $");
        await Assertions.Expect(page.Locator("#flex-chart polyline.optimised")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#flex-chart polyline.flat")).ToHaveCountAsync(1);

        await page.ScreenshotAsync(new() { Path = Path.Combine(LiveViewFixture.ScreenshotDirectory, "planner-flex.png"), FullPage = true });
        await page.Context.CloseAsync();
    }
}
