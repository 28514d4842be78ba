using System.Text.Json;
using Microsoft.Playwright;

namespace TokenFactoryTwin.BrowserBench;

/// <summary>
/// Drives Debian's Chromium (headless, offline) against the live view and reads what the page itself measured
/// (<c>window.liveView.stats</c>: time to the first rendered frame, milliseconds per frame handled) and what
/// Chrome DevTools Protocol's <c>Performance.getMetrics</c> counted (script and main-thread task time).
/// </summary>
public sealed class BrowserProbe : IAsyncDisposable
{
    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private BrowserProbe(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public static async Task<BrowserProbe> Launch(string chromium)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true, Args = ChromiumArgs });
        return new BrowserProbe(playwright, browser);
    }

    /// <returns>Milliseconds from navigation start to DOMContentLoaded and to the first frame drawn.</returns>
    public async Task<(double DomContentLoaded, double FirstFrame)> MeasureLoad(string url)
    {
        var page = await NewPage();
        try
        {
            await page.GotoAsync(url);
            await page.WaitForFunctionAsync("() => window.liveView && window.liveView.stats.firstFrameMs !== null", null, new() { Timeout = 60_000 });
            var dcl = await page.EvaluateAsync<double>("() => performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd");
            var first = await page.EvaluateAsync<double>("() => window.liveView.stats.firstFrameMs");
            return (dcl, first);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>Keeps the page open for <paramref name="duration"/> and measures the frames it handled meanwhile.</summary>
    public async Task<UpdateFigures> MeasureUpdates(string url, TimeSpan duration, string? screenshot)
    {
        var page = await NewPage();
        try
        {
            await page.GotoAsync(url);
            await page.WaitForFunctionAsync("() => window.liveView && window.liveView.stats.frames >= 2", null, new() { Timeout = 60_000 });
            var cdp = await page.Context.NewCDPSessionAsync(page);
            await cdp.SendAsync("Performance.enable");
            var before = await Metrics(cdp);
            var framesBefore = await page.EvaluateAsync<int>("() => window.liveView.stats.frames");
            var sectionsBefore = await page.EvaluateAsync<Dictionary<string, double>>("() => window.liveView.stats.sections");
            await Task.Delay(duration); // the measurement window itself, not a wait for a condition
            var after = await Metrics(cdp);
            var framesAfter = await page.EvaluateAsync<int>("() => window.liveView.stats.frames");
            var sectionsAfter = await page.EvaluateAsync<Dictionary<string, double>>("() => window.liveView.stats.sections");
            var frameMs = await page.EvaluateAsync<double[]>($"() => window.liveView.stats.frameMs.slice(-{framesAfter - framesBefore})");
            if (screenshot is not null)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(screenshot))!);
                await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
            }

            var frames = Math.Max(1, framesAfter - framesBefore);
            return new UpdateFigures(
                frames,
                frameMs,
                (after["ScriptDuration"] - before["ScriptDuration"]) * 1000 / frames,
                (after["TaskDuration"] - before["TaskDuration"]) * 1000 / frames,
                (after["LayoutDuration"] - before["LayoutDuration"]) * 1000 / frames,
                after["JSHeapUsedSize"] / 1e6,
                sectionsAfter.ToDictionary(kv => kv.Key, kv => (kv.Value - sectionsBefore.GetValueOrDefault(kv.Key)) / frames));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.CloseAsync();
        _playwright.Dispose();
    }

    private async Task<IPage> NewPage()
    {
        var context = await _browser.NewContextAsync(new() { ViewportSize = new() { Width = 1920, Height = 1080 } });
        return await context.NewPageAsync();
    }

    private static async Task<Dictionary<string, double>> Metrics(ICDPSession cdp)
    {
        var result = await cdp.SendAsync("Performance.getMetrics");
        return result!.Value.GetProperty("metrics").EnumerateArray()
            .ToDictionary(m => m.GetProperty("name").GetString()!, m => m.GetProperty("value").GetDouble());
    }
}
