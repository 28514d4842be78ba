using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using TokenFactoryTwin.BrowserTests.Infrastructure;

namespace TokenFactoryTwin.BrowserTests;

[Collection(LiveViewCollection.Name)]
public sealed class PlannerThroughputTests(LiveViewFixture fixture)
{
    private const string Model = "llama-3.3-70b";

    [Fact]
    public async Task Two_GPU_types_draw_two_curves_with_the_points_the_throughput_API_gives()
    {
        var page = await fixture.OpenPage("/planner.html");
        await Choose(page, Model, "fp8", ["h200", "gb300"]);

        var chart = page.GetByTestId("throughput-chart");
        var legend = page.GetByTestId("tp-legend");
        var rows = 0;
        foreach (var gpu in new[] { "h200", "gb300" })
        {
            var curve = await fixture.Http.GetFromJsonAsync<JsonElement>(Query(Model, gpu, "fp8"));
            var points = curve.GetProperty("points").GetArrayLength();
            var published = curve.GetProperty("published").GetArrayLength();
            Assert.True(points >= 2, $"the API gives a front of {points} point(s) for {gpu}");
            rows += points + published;

            var drawn = chart.Locator($"[data-testid=curve][data-gpu={gpu}]");
            await Assertions.Expect(drawn).ToHaveAttributeAsync("data-points", points.ToString(CultureInfo.InvariantCulture));
            await Assertions.Expect(drawn).ToHaveAttributeAsync("data-published", published.ToString(CultureInfo.InvariantCulture));
            await Assertions.Expect(drawn.Locator("polyline.front")).ToHaveCountAsync(1);
            await Assertions.Expect(drawn.Locator("circle.vertex")).ToHaveCountAsync(points);
            await Assertions.Expect(drawn.Locator("circle.published")).ToHaveCountAsync(published);
            await Assertions.Expect(page.GetByTestId("cost-chart").Locator($"[data-testid=cost-curve][data-gpu={gpu}]")).ToHaveCountAsync(1);
            await Assertions.Expect(legend.Locator($"[data-gpu={gpu}]")).ToContainTextAsync(await GpuName(gpu));
            await Assertions.Expect(legend.Locator($"[data-gpu={gpu}]")).ToContainTextAsync($"{points} modelled · {published} published");
        }

        await Assertions.Expect(chart.Locator("[data-testid=curve]")).ToHaveCountAsync(2);
        await Assertions.Expect(legend).ToContainTextAsync("line: modelled front");
        await Assertions.Expect(legend).ToContainTextAsync("dots: published points");
        await Assertions.Expect(page.GetByTestId("throughput-refusal")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("tp-table").Locator("tbody tr")).ToHaveCountAsync(rows);
        // The y axis is logarithmic: its labels step by decades (1, 10, 100, 1k…) or by 1-2-5 within them.
        var ticks = await chart.Locator("text.tick").AllTextContentsAsync();
        Assert.Contains(ticks, t => t is "100" or "1k" or "10k");

        // Hovering a point of the front names its configuration and source.
        await chart.Locator("[data-testid=curve][data-gpu=h200] circle.vertex").First.HoverAsync();
        var tooltip = page.Locator("#tp-tooltip");
        await Assertions.Expect(tooltip).ToBeVisibleAsync();
        await Assertions.Expect(tooltip).ToContainTextAsync("modelled");
        await Assertions.Expect(tooltip).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"TP\d+ · EP\d+ · PP\d+"));

        await Screenshot(page, "planner-throughput.png");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_published_curve_is_drawn_as_dots_over_the_modelled_front()
    {
        var curve = await fixture.Http.GetFromJsonAsync<JsonElement>(Query("deepseek-r1-0528", "b200", "fp8", 8192, 1024));
        var published = curve.GetProperty("published").GetArrayLength();
        Assert.True(published > 0, "DeepSeek-R1 FP8 8k/1k on B200 has a published curve");
        var page = await fixture.OpenPage("/planner.html");

        await Choose(page, "deepseek-r1-0528", "fp8", ["b200"], 8192, 1024);

        var drawn = page.GetByTestId("throughput-chart").Locator("[data-testid=curve][data-gpu=b200]");
        await Assertions.Expect(drawn.Locator("circle.published")).ToHaveCountAsync(published);
        await Assertions.Expect(drawn).ToHaveAttributeAsync("data-points", curve.GetProperty("points").GetArrayLength().ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(page.GetByTestId("tp-table").Locator("tbody tr[data-source=published]")).ToHaveCountAsync(published);
        await drawn.Locator("circle.published").First.HoverAsync();
        await Assertions.Expect(page.Locator("#tp-tooltip")).ToContainTextAsync("published");

        await page.Locator(".tp-points summary").ClickAsync();
        await Screenshot(page, "planner-throughput-published.png");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task FP4_on_H200_shows_the_reason_instead_of_a_curve()
    {
        var refused = await fixture.Http.GetAsync(Query(Model, "h200", "fp4"));
        Assert.Equal((HttpStatusCode)422, refused.StatusCode);
        var reason = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;
        var page = await fixture.OpenPage("/planner.html");

        await Choose(page, Model, "fp4", ["h200", "gb300"]);

        var refusal = page.Locator("[data-testid=throughput-refusal][data-gpu=h200]");
        await Assertions.Expect(refusal).ToContainTextAsync(reason);
        await Assertions.Expect(refusal).ToHaveAttributeAsync("data-status", "422");
        await Assertions.Expect(page.GetByTestId("throughput-chart").Locator("[data-testid=curve][data-gpu=h200]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("throughput-chart").Locator("[data-testid=curve][data-gpu=gb300]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("throughput")).ToHaveAttributeAsync("data-refusals", "1");

        await Screenshot(page, "planner-throughput-fp4-refused.png");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Racks_added_with_a_workload_carry_it_into_the_scenario_and_its_projection()
    {
        var page = await fixture.OpenPage("/planner.html");
        await Assertions.Expect(page.Locator("#rack-model option[value='llama-3.3-70b']")).ToHaveCountAsync(1);
        await page.Locator("#scenario-name").FillAsync("Llama on GB300");
        await page.GetByRole(AriaRole.Button, new() { Name = "Fork the live twin" }).ClickAsync();
        await Assertions.Expect(page.Locator("#scenario-meta")).ToContainTextAsync("version");
        var id = await page.Locator("#scenario-list").InputValueAsync();
        Assert.False(string.IsNullOrEmpty(id));

        await page.Locator("#rack-type").SelectOptionAsync("gb300-nvl72");
        await page.Locator("#rack-count").FillAsync("2");
        await page.Locator("#rack-model").SelectOptionAsync(Model);
        await page.Locator("#rack-precision").SelectOptionAsync("fp8");
        await page.Locator("#rack-isl").FillAsync("1024");
        await page.Locator("#rack-osl").FillAsync("1024");
        await page.Locator("#rack-mtp").SelectOptionAsync("false");
        await page.Locator("#rack-interactivity").FillAsync("50");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add racks" }).ClickAsync();

        await Assertions.Expect(page.Locator("#change-list li[data-kind=addRacks]")).ToContainTextAsync("serving llama-3.3-70b FP8 1024/1024 tokens no MTP at 50 tok/s per user");
        await Assertions.Expect(page.Locator("#error")).ToBeEmptyAsync();
        var scenario = await fixture.Http.GetFromJsonAsync<JsonElement>($"/api/scenarios/{id}");
        var change = scenario.GetProperty("changes").EnumerateArray().Last().GetProperty("change");
        var workload = change.GetProperty("workload");
        Assert.Equal(Model, workload.GetProperty("model").GetString());
        Assert.Equal("fp8", workload.GetProperty("precision").GetString());
        Assert.Equal(1024, workload.GetProperty("inputTokens").GetInt32());
        Assert.Equal(1024, workload.GetProperty("outputTokens").GetInt32());
        Assert.False(workload.GetProperty("mtp").GetBoolean());
        Assert.Equal(50, workload.GetProperty("interactivity").GetDouble());
        var evaluation = scenario.GetProperty("evaluation");
        Assert.Equal(evaluation.GetProperty("baseline").GetProperty("racks").GetInt32() + 2, evaluation.GetProperty("projected").GetProperty("racks").GetInt32());
        Assert.True(evaluation.GetProperty("projected").GetProperty("tokensPerSecond").GetDouble() > evaluation.GetProperty("baseline").GetProperty("tokensPerSecond").GetDouble());

        await Screenshot(page, "planner-add-racks-workload.png");
        await page.Context.CloseAsync();
    }

    /// <summary>Sets the throughput form and draws, then waits until the panel shows exactly that query.</summary>
    private async Task Choose(IPage page, string model, string precision, string[] gpus, int isl = 1024, int osl = 1024)
    {
        var panel = page.GetByTestId("throughput");
        await Assertions.Expect(page.Locator($"#tp-model option[value='{model}']")).ToHaveCountAsync(1);
        await page.GetByTestId("tp-model").SelectOptionAsync(model);
        await page.GetByTestId("tp-precision").SelectOptionAsync(precision);
        await page.GetByTestId("tp-isl").FillAsync(isl.ToString(CultureInfo.InvariantCulture));
        await page.GetByTestId("tp-osl").FillAsync(osl.ToString(CultureInfo.InvariantCulture));
        await page.GetByTestId("tp-mtp").SetCheckedAsync(false);
        await page.GetByTestId("tp-tier").SelectOptionAsync("hyperscaler");
        var catalog = await fixture.Http.GetFromJsonAsync<JsonElement>("/api/catalog");
        var order = catalog.GetProperty("gpus").EnumerateArray().Select(g => g.GetProperty("id").GetString()!).ToList();
        foreach (var id in order)
        {
            await page.GetByTestId($"tp-gpu-{id}").SetCheckedAsync(gpus.Contains(id));
        }

        await page.GetByTestId("tp-draw").ClickAsync();
        var expected = string.Join('|', model, precision, isl.ToString(CultureInfo.InvariantCulture), osl.ToString(CultureInfo.InvariantCulture), "false", "hyperscaler", string.Join('+', order.Where(gpus.Contains)));
        await Assertions.Expect(panel).ToHaveAttributeAsync("data-query", expected, new() { Timeout = 15_000 });
        await Assertions.Expect(panel).ToHaveAttributeAsync("data-state", "drawn");
    }

    private async Task<string> GpuName(string id)
    {
        var catalog = await fixture.Http.GetFromJsonAsync<JsonElement>("/api/catalog");
        return catalog.GetProperty("gpus").EnumerateArray().First(g => g.GetProperty("id").GetString() == id).GetProperty("name").GetString()!;
    }

    private static string Query(string model, string gpu, string precision, int isl = 1024, int osl = 1024) =>
        $"/api/throughput?model={model}&gpu={gpu}&precision={precision}&isl={isl}&osl={osl}&mtp=false&priceTier=hyperscaler";

    private static async Task Screenshot(IPage page, string name)
    {
        Directory.CreateDirectory(LiveViewFixture.ScreenshotDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(LiveViewFixture.ScreenshotDirectory, name), FullPage = true });
    }
}
