using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Abstractions.Telemetry;

namespace TokenFactoryTwin.BrowserTests.Infrastructure;

/// <summary>
/// Plays the exporters of a live rack: every 250 ms one batch with a sample per GPU (gauges plus growing token and
/// energy counters) through <see cref="IRackGrain.Ingest"/>, the same call the ingest API makes, until disposed.
/// </summary>
public sealed class LiveRackFeeder : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public LiveRackFeeder(IRackGrain rack, int gpus)
    {
        _loop = Task.Run(async () =>
        {
            var tokens = 0.0;
            var energy = 0.0;
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
            do
            {
                tokens += 25;
                energy += 175_000;
                var now = DateTimeOffset.UtcNow;
                var samples = Enumerable.Range(0, gpus).Select(g => new GpuSample(
                    g, now, PowerW: 700, EnergyMillijoules: energy, UtilizationPercent: 85, TemperatureC: 61 + g % 5,
                    MemoryUsedMiB: 100_000, PromptTokens: tokens * 0.7, GenerationTokens: tokens * 0.3, Uuid: $"GPU-live-{g:d2}")).ToList();
                await rack.Ingest(GpuSampleBatch.Of(samples));
            }
            while (await timer.WaitForNextTickAsync(_stop.Token));
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopped on purpose: the rack's telemetry stops here.
        }

        _stop.Dispose();
    }
}
