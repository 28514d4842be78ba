using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using TokenFactoryTwin.BrowserTests.Infrastructure;

namespace TokenFactoryTwin.BrowserTests;

[Collection(LiveViewCollection.Name)]
public sealed class EfficiencyPanelTests(LiveViewFixture fixture)
{
    [Fact]
    public async Task The_measured_vs_modelled_panel_lists_every_rack_live_ones_first()
    {
        var response = await fixture.Http.GetAsync("/api/efficiency");
        var page = await fixture.OpenLiveView();
        var panel = page.GetByTestId("efficiency");

        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            // A gateway without the endpoint: the panel stays out of the way.
            await Assertions.Expect(panel).ToHaveAttributeAsync("data-state", "absent");
            await Assertions.Expect(panel).ToBeHiddenAsync();
            await page.Context.CloseAsync();
            return;
        }

        response.EnsureSuccessStatusCode();
        var efficiency = await response.Content.ReadFromJsonAsync<JsonElement>();
        var racks = efficiency.GetProperty("racks").EnumerateArray().ToList();
        Assert.NotEmpty(racks);

        await Assertions.Expect(panel).ToBeVisibleAsync(new() { Timeout = 15_000 });
        var rows = panel.GetByTestId("efficiency-rack");
        // Another test may register a rack meanwhile: compare the page with the API read at the same moment.
        var (shown, listed) = await Eventually.Get(async () =>
        {
            var now = await fixture.Http.GetFromJsonAsync<JsonElement>("/api/efficiency");
            return (await rows.CountAsync(), now.GetProperty("racks").GetArrayLength());
        }, c => c.Item1 > 0 && c.Item1 == c.Item2, what: "a row for every rack /api/efficiency lists");
        Assert.Equal(listed, shown);
        Assert.Equal(listed.ToString(CultureInfo.InvariantCulture), await panel.GetAttributeAsync("data-racks"));
        await Assertions.Expect(panel.GetByTestId("efficiency-ratio")).Not.ToContainTextAsync("—");
        var halls = efficiency.GetProperty("halls").EnumerateArray().ToList();
        await Assertions.Expect(panel.GetByTestId("efficiency-hall")).ToHaveCountAsync(halls.Count);
        foreach (var hall in halls)
        {
            // The hall is named by "hall" (as documented) or "scope" (as the totals record names it).
            var id = (hall.TryGetProperty("hall", out var name) ? name : hall.GetProperty("scope")).GetString()!;
            await Assertions.Expect(panel.Locator($"[data-testid=efficiency-hall][data-hall='{id}']")).ToContainTextAsync($"{id} ");
        }

        // Live racks first: every live row comes before every simulated one.
        var telemetry = await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.telemetry)");
        var live = racks.Count(r => r.GetProperty("telemetry").GetString() == "live");
        Assert.Equal(live, telemetry.Count(t => t == "live"));
        Assert.All(telemetry.Take(live), t => Assert.Equal("live", t));

        // Each rack's operating point names its source, with the reference as a tooltip.
        foreach (var rack in racks.Take(3))
        {
            var id = rack.GetProperty("rack").GetString()!;
            var source = panel.Locator($"[data-testid=efficiency-rack][data-rack='{id}'] .source");
            await Assertions.Expect(source).ToHaveTextAsync(rack.GetProperty("operatingPointSource").GetString()!);
            if (rack.TryGetProperty("reference", out var reference) && reference.ValueKind == JsonValueKind.String)
            {
                await Assertions.Expect(source).ToHaveAttributeAsync("title", reference.GetString()!);
            }
        }

        Directory.CreateDirectory(LiveViewFixture.ScreenshotDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(LiveViewFixture.ScreenshotDirectory, "live-view-efficiency.png"), FullPage = true });
        await page.Context.CloseAsync();
    }
}
