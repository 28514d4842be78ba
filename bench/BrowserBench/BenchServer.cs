using System.Diagnostics;
using TokenFactoryTwin.Abstractions.Kpis;
using TokenFactoryTwin.Gateway.Apis;
using TokenFactoryTwin.Gateway.Live;
using TokenFactoryTwin.Gateway.Twin;

namespace TokenFactoryTwin.BrowserBench;

/// <summary>
/// The live view's page and push channel as the gateway serves them (its wwwroot, <see cref="LiveHub"/> and
/// <c>MapLiveApi</c>), fed once per second from a <see cref="SyntheticFacility"/> instead of the twin, on a free
/// 127.0.0.1 port. Records how long the gateway side of each frame took and how big it was.
/// </summary>
public sealed class BenchServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stop = new();
    private readonly SyntheticFacility _facility;
    private Task? _publisher;

    public BenchServer(SyntheticFacility facility, string webRoot)
    {
        _facility = facility;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { WebRootPath = webRoot, ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton<LiveHub>();
        _app = builder.Build();
        _app.UseDefaultFiles();
        _app.UseStaticFiles();
        _app.MapLiveApi();
        _app.MapGet("/api/history", () => History(DateTimeOffset.UtcNow));
        _app.MapGet("/api/racks/{id}", (string id) => Detail(id));
    }

    public List<double> PublishMs { get; } = [];

    public List<int> FrameBytes { get; } = [];

    public int LayoutBytes { get; private set; }

    public string Url => _app.Urls.First();

    public async Task StartAsync()
    {
        await _app.StartAsync();
        var hub = _app.Services.GetRequiredService<LiveHub>();
        _publisher = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
            do
            {
                var view = _facility.Next(DateTimeOffset.UtcNow);
                var watch = Stopwatch.StartNew();
                var message = hub.Publish(view);
                lock (PublishMs)
                {
                    PublishMs.Add(watch.Elapsed.TotalMilliseconds);
                    FrameBytes.Add(message.Frame.Length);
                    LayoutBytes = message.Layout.Json.Length;
                }
            }
            while (await timer.WaitForNextTickAsync(_stop.Token));
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await (_publisher ?? Task.CompletedTask);
        }
        catch (OperationCanceledException)
        {
            // Stopped on purpose.
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
        _stop.Dispose();
    }

    private static List<KpiPoint> History(DateTimeOffset now) =>
        Enumerable.Range(0, 3600).Select(s =>
        {
            var t = now.AddSeconds(s - 3600);
            var tokens = 2.6e9 * (0.9 + 0.05 * Math.Sin(s / 600.0));
            var kw = 1_000_000 * (0.93 + 0.04 * Math.Sin(s / 600.0));
            return new KpiPoint(t, tokens, kw, tokens / (kw / 1000), 0.3 + 0.02 * Math.Cos(s / 600.0));
        }).ToList();

    private IResult Detail(string id)
    {
        var (a, b) = _facility.Cords(id);
        var now = DateTimeOffset.UtcNow;
        var gpus = Enumerable.Range(0, 72).Select(g => new GpuStatus($"{id}-g{g}", id, g, null, 900 + 400 * Math.Sin(g), 0.7 + 0.2 * Math.Cos(g),
            55 + 10 * Math.Sin(g / 3.0), 200_000, 4000 + 1500 * Math.Sin(g), 800, now, false)).ToList();
        var rack = new RackView(id, "hall-1", "gb300-nvl72", "gb300", 72, 72, 1, 1, "simulated", false, false, gpus.Sum(g => g.TokensPerSecond),
            0, 120, 151, 0.8, gpus.Max(g => g.TemperatureC ?? 0), 2000, now);
        var recent = Enumerable.Range(0, 120).Select(s => new KpiPoint(now.AddSeconds(s - 120), rack.TokensPerSecond * (0.95 + 0.05 * Math.Sin(s / 9.0)), 120, 0, null)).ToList();
        return Results.Ok(new { rack, spec = new { powerA = a, powerB = b }, gpus, links = new[] { $"up-{id}" }, recent });
    }
}
