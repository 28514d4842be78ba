using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Playwright;
using TokenFactoryTwin.BrowserTests.Infrastructure;

namespace TokenFactoryTwin.BrowserTests;

/// <summary>
/// The tenants table of the live view, fed by real telemetry through the gateway: the 8×H100 dcgm-exporter capture,
/// whose GPU 0 a vLLM pod of namespace <c>dynamo-workload</c> holds, and the vLLM scrape of the same host.
/// </summary>
[Collection(LiveViewCollection.Name)]
public sealed class LiveTenantsTests(LiveViewFixture fixture)
{
    private const string Host = "tenant-node-1";

    [Fact]
    public async Task The_table_shows_the_tenant_from_ingested_labelled_telemetry_and_sorts_by_a_column()
    {
        await RegisterRack();
        var dcgm = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "dcgm_exporter_aicr_eks_8xH100_sampled.prom"))
            .Replace("Hostname=\"gpu-node-1\"", $"Hostname=\"{Host}\"", StringComparison.Ordinal);
        var vllm = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "vllm_metrics_kops_qwen2.5-0.5b_idle_truncated.prom"));
        using var stop = new CancellationTokenSource();
        var feeding = Feed(dcgm, vllm, stop.Token);
        try
        {
            await Check();
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await feeding;
            }
            catch (OperationCanceledException)
            {
                // Stopped on purpose: the host's telemetry stops here.
            }
        }
    }

    /// <summary>The host's exporter and server scraped every half second, as a cluster's would be (this facility turns a silent rack stale in 2 s).</summary>
    private async Task Feed(string dcgm, string vllm, CancellationToken stop)
    {
        var tokens = 0.0;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        do
        {
            await Post(dcgm, "");
            await Post(ServerScrapes.Stamp(vllm, "vllm", tokens, tokens * 3, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()), $"?host={Host}");
            tokens += 500;
        }
        while (await timer.WaitForNextTickAsync(stop));
    }

    private async Task Check()
    {
        var page = await fixture.OpenLiveView();
        var table = page.GetByTestId("workloads");
        var row = table.Locator("tbody tr[data-name='dynamo-workload']");
        await Assertions.Expect(row).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(row).ToContainTextAsync("tok/s");
        await Assertions.Expect(table.Locator("tbody tr[data-name='(idle)']")).ToHaveCountAsync(1);

        // Sorted by tokens/s at first; a click on the tenant column sorts by name, a second click the other way.
        var nameHead = table.Locator("th[data-sort=name]");
        await nameHead.ClickAsync();
        await Assertions.Expect(nameHead).ToHaveAttributeAsync("aria-sort", "ascending");
        Assert.True(await InOrder(table, 1), "the rows in ascending order of name");
        await nameHead.ClickAsync();
        await Assertions.Expect(nameHead).ToHaveAttributeAsync("aria-sort", "descending");
        Assert.True(await InOrder(table, -1), "the rows in descending order of name");

        await page.SelectOptionAsync("[data-testid=workload-kind]", "models");
        await Assertions.Expect(table.Locator("tbody tr[data-name='Qwen/Qwen2.5-0.5B-Instruct']")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await page.ScreenshotAsync(new() { Path = Path.Combine(LiveViewFixture.ScreenshotDirectory, "live-tenants.png"), FullPage = true });
        await page.Context.CloseAsync();
    }

    /// <summary>Whether the table's rows are in order of name (1 ascending, -1 descending), as the page compares names.</summary>
    private static Task<bool> InOrder(ILocator table, int direction) => table.Locator("tbody tr").EvaluateAllAsync<bool>(
        $"rows => rows.length > 1 && rows.every((r, i) => i === 0 || {direction} * rows[i - 1].dataset.name.localeCompare(r.dataset.name) <= 0)");

    private async Task RegisterRack()
    {
        using var response = await fixture.Http.PostAsJsonAsync("/api/racks", new
        {
            id = "h1-tenants",
            hall = "hall-1",
            rackType = "hgx-h200-4x",
            row = 3,
            position = 1,
            powerA = "bw-1a",
            powerB = "bw-1b",
            source = new { kind = "live", hosts = new[] { new { hostname = Host, gpus = 8 } } },
        });
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, await response.Content.ReadAsStringAsync());
    }

    private async Task Post(string text, string query)
    {
        using var response = await fixture.Http.PostAsync($"/api/ingest/prometheus{query}", new StringContent(text, Encoding.UTF8, "text/plain"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
