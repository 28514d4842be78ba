using CsCheck;
using TokenFactoryTwin.Abstractions.Telemetry;
using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Domain.Telemetry;

namespace TokenFactoryTwin.UnitTests.Telemetry;

/// <summary>The ingest semantics of a rack's hot state: (GPU, metric, timestamp) keys, replays, order, resets.</summary>
public sealed class RackTelemetryIngestTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Stale = TimeSpan.FromMinutes(10);

    private static RackTelemetry Rack() => new(new RackProfile("h100", 8, 700, 70, 10.2, 1.4, 100, 0.5, 400, "air", 80));

    [Fact]
    public void A_replayed_batch_changes_nothing()
    {
        var rack = Rack();
        var batch = new[]
        {
            new GpuSample(0, T0, PowerW: 500, GenerationTokens: 1000),
            new GpuSample(0, T0.AddSeconds(10), PowerW: 600, GenerationTokens: 3000),
        };
        rack.Ingest(batch, T0.AddSeconds(10), SampleLimits.Default);
        var before = rack.Totals(T0.AddSeconds(11), Stale);

        rack.Ingest(batch, T0.AddSeconds(11), SampleLimits.Default);

        Assert.Equal(before, rack.Totals(T0.AddSeconds(11), Stale));
        Assert.Equal(200, before.TokensPerSecond);
        Assert.Equal(0.6, before.GpuPowerKw, 9);
    }

    [Fact]
    public void An_older_sample_never_moves_a_counter_backwards()
    {
        var rack = Rack();
        rack.Ingest([new GpuSample(0, T0, GenerationTokens: 1000), new GpuSample(0, T0.AddSeconds(10), GenerationTokens: 2000)], T0.AddSeconds(10), SampleLimits.Default);

        // Arrives late with a lower value: were it applied, it would read as a counter reset.
        rack.Ingest([new GpuSample(0, T0.AddSeconds(5), GenerationTokens: 1500)], T0.AddSeconds(10), SampleLimits.Default);
        rack.Ingest([new GpuSample(0, T0.AddSeconds(20), GenerationTokens: 3000)], T0.AddSeconds(20), SampleLimits.Default);

        Assert.Equal(100, rack.Totals(T0.AddSeconds(20), Stale).TokensPerSecond);
    }

    [Fact]
    public void A_counter_reset_counts_the_new_value_as_the_increase()
    {
        var rack = Rack();
        rack.Ingest([new GpuSample(0, T0, PromptTokens: 5000), new GpuSample(0, T0.AddSeconds(10), PromptTokens: 400)], T0.AddSeconds(10), SampleLimits.Default);

        Assert.Equal(40, rack.Totals(T0.AddSeconds(10), Stale).TokensPerSecond);
    }

    [Fact]
    public void Two_sources_may_report_one_GPU_at_the_same_instant()
    {
        var rack = Rack();
        rack.Ingest([new GpuSample(0, T0, PowerW: 500)], T0, SampleLimits.Default);
        rack.Ingest([new GpuSample(0, T0, GenerationTokens: 100)], T0, SampleLimits.Default);
        rack.Ingest([new GpuSample(0, T0.AddSeconds(2), GenerationTokens: 300)], T0.AddSeconds(2), SampleLimits.Default);

        var gpu = rack.Gpu("r", 0, T0.AddSeconds(2), Stale);
        Assert.Equal(500, gpu.PowerW);
        Assert.Equal(100, gpu.TokensPerSecond);
    }

    [Fact]
    public void Bad_values_reject_the_whole_sample_with_the_field_named()
    {
        var rack = Rack();
        var result = rack.Ingest([
            new GpuSample(0, T0, PowerW: double.NaN, TemperatureC: 40),
            new GpuSample(1, T0, PowerW: -5),
            new GpuSample(2, T0, UtilizationPercent: double.PositiveInfinity),
            new GpuSample(3, T0.AddHours(1), PowerW: 100),
            new GpuSample(4, T0.AddDays(-1), PowerW: 100),
            new GpuSample(9, T0, PowerW: 100),
            new GpuSample(5, T0, PowerW: 100),
        ], T0, SampleLimits.Default);

        Assert.Equal(1, result.Accepted);
        Assert.Equal([0, 1, 2, 3, 4, 5], result.Errors.Select(e => e.Index));
        Assert.Contains("powerW", result.Errors[0].Reason);
        Assert.Contains("future", result.Errors[3].Reason);
        Assert.Contains("old", result.Errors[4].Reason);
        Assert.Null(rack.Gpu("r", 0, T0, Stale).TemperatureC);
        Assert.Equal(0.1, rack.Totals(T0, Stale).GpuPowerKw, 9);
    }

    [Fact]
    public void Counter_rate_does_not_depend_on_arrival_order()
    {
        // Any arrival order of monotonically increasing counter readings ends with the last two by time,
        // never a rate from a late reading and never a negative one.
        Gen.Int[1, 10_000].Array[3, 12].Select(Gen.Int[0, int.MaxValue]).Sample((steps, seed) =>
        {
            var values = new double[steps.Length];
            double total = 0;
            for (var i = 0; i < steps.Length; i++)
            {
                values[i] = total += steps[i];
            }

            var samples = values.Select((v, i) => new GpuSample(0, T0.AddSeconds(i), GenerationTokens: v)).ToArray();
            var shuffled = samples.ToArray();
            new Random(seed).Shuffle(shuffled);
            var rack = Rack();
            foreach (var sample in shuffled)
            {
                rack.Ingest([sample], T0.AddSeconds(steps.Length), SampleLimits.Default);
            }

            var rate = rack.Totals(T0.AddSeconds(steps.Length), Stale).TokensPerSecond;
            return rate >= 0 && rate <= steps.Max() * 1.0;
        }, iter: 300);
    }
}
