using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.BrowserTests.Infrastructure;

namespace TokenFactoryTwin.BrowserTests;

[Collection(LiveViewCollection.Name)]
public sealed class LiveViewTests(LiveViewFixture fixture)
{
    private static readonly string[] KpiIds =
        ["kpi-tokens-per-second", "kpi-facility-power", "kpi-tokens-per-mw", "kpi-cost-per-mtok", "kpi-pue", "kpi-gpus"];

    [Fact]
    public async Task The_KPIs_appear_and_then_change()
    {
        var page = await fixture.OpenLiveView();

        var first = await Eventually.Get(() => Kpis(page), k => k.All(v => v is { Length: > 0 } && v != "—"), what: "every KPI to show a figure");
        var changed = await Eventually.Get(() => Kpis(page), k => !k.SequenceEqual(first), TimeSpan.FromSeconds(15), "a KPI to change");

        Assert.NotEqual(first, changed);
        Assert.Equal("live", await page.GetAttributeAsync("[data-testid=connection]", "data-state"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_plan_draws_as_many_racks_as_the_API_lists()
    {
        var page = await fixture.OpenLiveView();

        // The count may move while another test registers a rack: compare both sides read at the same moment.
        var (drawn, listed) = await Eventually.Get(async () =>
        {
            var racks = await fixture.Http.GetFromJsonAsync<JsonElement[]>("/api/racks");
            var attribute = await page.GetAttributeAsync("[data-testid=floor-plan]", "data-racks");
            return (int.Parse(attribute ?? "0", System.Globalization.CultureInfo.InvariantCulture), racks!.Length);
        }, c => c.Item1 > 0 && c.Item1 == c.Item2, what: "the plan to draw every rack the API lists");

        Assert.Equal(listed, drawn);
        Assert.True(drawn >= 5);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Clicking_a_rack_on_the_plan_shows_its_GPUs()
    {
        var page = await fixture.OpenLiveView();
        await FloorPlan.ClickRack(page, "h2-01");

        var detail = page.GetByTestId("rack-detail");
        await Assertions.Expect(detail).ToBeVisibleAsync();
        await Assertions.Expect(detail).ToHaveAttributeAsync("data-rack-id", "h2-01");
        await Assertions.Expect(detail.GetByTestId("gpu")).ToHaveCountAsync(72, new() { Timeout = 15_000 });
        await Assertions.Expect(detail.GetByTestId("gpu").First).ToHaveAttributeAsync("data-gpu-id", "h2-01-g0");
        await Assertions.Expect(detail).ToContainTextAsync("Busway 2A");
        var operatingPoint = detail.GetByTestId("operating-point");
        await Assertions.Expect(operatingPoint).ToHaveAttributeAsync("data-origin", "published");
        await Assertions.Expect(operatingPoint).ToContainTextAsync("6,000 tok/s per GPU");
        Directory.CreateDirectory(LiveViewFixture.ScreenshotDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(LiveViewFixture.ScreenshotDirectory, "live-view-rack-detail.png"), FullPage = true });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_live_rack_whose_telemetry_stops_turns_stale_on_the_plan()
    {
        var page = await fixture.OpenLiveView();
        var rack = fixture.Grains.GetGrain<IRackGrain>(TwinKeys.Rack(fixture.FacilityId, LiveViewFacility.LiveRack));

        await using (new LiveRackFeeder(rack, gpus: 32))
        {
            await Eventually.Get(() => StaleOnPlan(page, LiveViewFacility.LiveRack), stale => stale == false,
                what: "the live rack to show as reporting while it is fed");
        }

        var stale = await Eventually.Get(() => StaleOnPlan(page, LiveViewFacility.LiveRack), stale => stale == true,
            what: "the live rack to turn stale once its telemetry stopped");
        Assert.True(stale);
        var staleOnPlan = await page.GetAttributeAsync("[data-testid=floor-plan]", "data-stale-racks");
        Assert.True(int.Parse(staleOnPlan!, System.Globalization.CultureInfo.InvariantCulture) >= 1);
        await Assertions.Expect(page.Locator($"[data-testid=alarm][data-kind=telemetry-stale][data-place={LiveViewFacility.LiveRack}]"))
            .ToHaveCountAsync(1, new() { Timeout = 10_000 });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_alarm_appears_when_a_power_node_is_pushed_over_its_rating_and_leads_to_it()
    {
        var page = await fixture.OpenLiveView();
        await Assertions.Expect(page.GetByTestId("power").Locator($"[data-node-id={LiveViewFacility.SpareBuswayA}]")).ToHaveCountAsync(1);
        var alarm = page.Locator($"[data-testid=alarm][data-kind=power-over-derated][data-place={LiveViewFacility.SpareBuswayA}]");
        Assert.Equal(0, await alarm.CountAsync());

        var result = await fixture.Topology.RegisterRacks([LiveViewFacility.OverloadingRack("h2-spare-01")]);
        Assert.True(result.Succeeded, string.Join("; ", result.Problems));

        await Assertions.Expect(alarm).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Assertions.Expect(alarm).ToHaveAttributeAsync("data-severity", "critical");
        await alarm.ClickAsync();
        var node = page.GetByTestId("power").Locator($"[data-node-id={LiveViewFacility.SpareBuswayA}]");
        await Assertions.Expect(node).ToHaveAttributeAsync("data-selected", "true");
        await Assertions.Expect(node).ToHaveAttributeAsync("data-over", "derated");
        await Assertions.Expect(node).ToContainTextAsync("OVER RATING");

        Directory.CreateDirectory(LiveViewFixture.ScreenshotDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(LiveViewFixture.ScreenshotDirectory, "live-view.png"), FullPage = true });
        await page.Context.CloseAsync();
    }

    private static async Task<string[]> Kpis(IPage page)
    {
        var values = new string[KpiIds.Length];
        for (var i = 0; i < KpiIds.Length; i++)
        {
            values[i] = await page.Locator($"[data-testid={KpiIds[i]}] [data-kpi-value]").TextContentAsync() ?? "";
        }

        return values;
    }

    /// <returns>Whether the plan draws the rack as stale (hatched); null while the page has not drawn it.</returns>
    private static Task<bool?> StaleOnPlan(IPage page, string id) =>
        page.EvaluateAsync<bool?>("id => { const r = window.liveView && window.liveView.rack(id); return r ? r.stale : null; }", id);
}
