using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Orleans.Hosting;
using Orleans.Storage;
using Orleans.TestingHost;
using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Domain.Catalog;
using TokenFactoryTwin.Grains;
using TokenFactoryTwin.Grains.Storage;

namespace TokenFactoryTwin.BrowserTests.Infrastructure;

/// <summary>
/// Everything the browser tests drive, started once: a real Orleans cluster (TCP transport, SQLite grain storage in
/// a temporary folder) twinning <see cref="LiveViewFacility"/>, the real gateway on Kestrel at a free 127.0.0.1 port,
/// and Debian's Chromium driven by Playwright (headless, offline; see TOOLCHAIN.md).
/// </summary>
public sealed class LiveViewFixture : IAsyncLifetime
{
    private const string ClusterId = "tft-browser-tests";
    private const string ServiceId = "tft-browser-tests";

    private static readonly string DataDirectory = Path.Combine(Path.GetTempPath(), "tft-browser-tests", Guid.NewGuid().ToString("N"));

    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    private TestCluster _cluster = null!;
    private GatewayFactory _gateway = null!;
    private IPlaywright _playwright = null!;

    public string FacilityId { get; } = $"browser-{Guid.NewGuid():N}"[..16];

    public Uri BaseAddress { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public IGrainFactory Grains => _cluster.GrainFactory;

    public IFacilityKpiGrain Facility => Grains.GetGrain<IFacilityKpiGrain>(TwinKeys.Facility(FacilityId));

    public IFacilityTopologyGrain Topology => Grains.GetGrain<IFacilityTopologyGrain>(TwinKeys.Facility(FacilityId));

    /// <summary>Where screenshots go: the repository's <c>test-results/screenshots</c> when run from it, else the test output.</summary>
    public static string ScreenshotDirectory { get; } = FindScreenshotDirectory();

    public async Task InitializeAsync()
    {
        _cluster = await TwinTestCluster.Deploy(1, ClusterId, DataDirectory);
        await Topology.Start(LiveViewFacility.Create(FacilityId), LiveViewFacility.Timing);

        _gateway = new GatewayFactory(_cluster.Options.BaseGatewayPort, ClusterId, ServiceId, FacilityId);
        _gateway.UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        _gateway.StartServer();
        var addresses = _gateway.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseAddress = new Uri(addresses.Addresses.First());
        Http = new HttpClient { BaseAddress = BaseAddress };

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>A fresh page (its own context) at a wall-screen size, opened on the live view.</summary>
    public Task<IPage> OpenLiveView() => OpenPage("/");

    /// <summary>A fresh page (its own context) at a wall-screen size, opened on <paramref name="path"/>.</summary>
    public async Task<IPage> OpenPage(string path)
    {
        var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1920, Height = 1080 }, BaseURL = BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        Http?.Dispose();
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }

        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A silo may still hold the file for a moment; the folder is under the temp directory.
        }
    }

    private static string FindScreenshotDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TokenFactoryTwin.sln")))
            {
                return Path.Combine(dir.FullName, "test-results", "screenshots");
            }
        }

        return Path.Combine(AppContext.BaseDirectory, "screenshots");
    }
}
