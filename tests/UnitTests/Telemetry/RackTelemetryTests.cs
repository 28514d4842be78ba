using TokenFactoryTwin.Abstractions.Telemetry;
using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Domain.Telemetry;

namespace TokenFactoryTwin.UnitTests.Telemetry;

public sealed class RackTelemetryTests
{
    private static readonly RackProfile Profile = new("h100", 8, 700, 67, 42.8 / 4, 1.73, 100, 0.5, 3200, "air", 80);
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(5);

    [Fact]
    public void Token_rates_come_from_counters_and_power_from_the_gauge()
    {
        var rack = new RackTelemetry(Profile);
        rack.Ingest([new GpuSample(0, T0, PowerW: 400, PromptTokens: 1000, GenerationTokens: 500)], T0, SampleLimits.Default);
        rack.Ingest([new GpuSample(0, T0.AddSeconds(2), PowerW: 410, PromptTokens: 1400, GenerationTokens: 700)], T0.AddSeconds(2), SampleLimits.Default);

        var totals = rack.Totals(T0.AddSeconds(2), StaleAfter);

        Assert.Equal(1, totals.GpusReporting);
        Assert.Equal((400 + 200) / 2.0, totals.TokensPerSecond, 9);
        Assert.Equal(200 / 2.0, totals.OutputTokensPerSecond, 9);
        Assert.Equal(0.410, totals.GpuPowerKw, 9);
    }

    [Fact]
    public void Without_a_power_gauge_power_comes_from_the_energy_counter_in_millijoules()
    {
        var rack = new RackTelemetry(Profile);
        rack.Ingest([new GpuSample(3, T0, EnergyMillijoules: 1_000_000)], T0, SampleLimits.Default);
        rack.Ingest([new GpuSample(3, T0.AddSeconds(10), EnergyMillijoules: 4_000_000)], T0.AddSeconds(10), SampleLimits.Default);

        Assert.Equal(0.300, rack.Totals(T0.AddSeconds(10), StaleAfter).GpuPowerKw, 9);
    }

    [Fact]
    public void A_bad_field_rejects_the_whole_sample_with_a_reason_and_applies_nothing_of_it()
    {
        var rack = new RackTelemetry(Profile);
        var result = rack.Ingest(
        [
            new GpuSample(0, T0, PowerW: 300),
            new GpuSample(1, T0, PowerW: double.NaN, PromptTokens: 10),
            new GpuSample(2, T0, PowerW: -5),
            new GpuSample(8, T0, PowerW: 300),
            new GpuSample(4, T0.AddHours(1), PowerW: 300),
            new GpuSample(5, T0.AddDays(-1), PowerW: 300),
            new GpuSample(6, T0, UtilizationPercent: 140),
        ], T0, SampleLimits.Default);

        Assert.Equal(1, result.Accepted);
        Assert.Equal(6, result.Rejected);
        Assert.Equal([1, 2, 3, 4, 5, 6], result.Errors.Select(e => e.Index));
        Assert.Contains("powerW is not a finite number", result.Errors[0].Reason);
        Assert.Contains("powerW -5 is below 0", result.Errors[1].Reason);
        Assert.Contains("outside this rack's 8 GPU slots", result.Errors[2].Reason);
        Assert.Contains("in the future", result.Errors[3].Reason);
        Assert.Contains("old", result.Errors[4].Reason);
        Assert.Contains("utilizationPercent 140 is above 100", result.Errors[5].Reason);
        Assert.Equal(1, rack.Totals(T0, StaleAfter).GpusReporting);
        Assert.Null(rack.Gpu("r", 1, T0, StaleAfter).LastSampleAt);
    }

    [Fact]
    public void A_replayed_batch_changes_nothing()
    {
        var rack = new RackTelemetry(Profile);
        GpuSample[] first = [new(0, T0, PowerW: 400, PromptTokens: 1000)];
        GpuSample[] second = [new(0, T0.AddSeconds(1), PowerW: 500, PromptTokens: 1300)];
        rack.Ingest(first, T0, SampleLimits.Default);
        rack.Ingest(second, T0.AddSeconds(1), SampleLimits.Default);
        var before = rack.Totals(T0.AddSeconds(1), StaleAfter);

        rack.Ingest(first, T0.AddSeconds(1), SampleLimits.Default);
        rack.Ingest(second, T0.AddSeconds(1), SampleLimits.Default);

        Assert.Equal(before, rack.Totals(T0.AddSeconds(1), StaleAfter));
    }

    [Fact]
    public void A_gpu_silent_past_the_stale_period_stops_counting_and_is_flagged()
    {
        var rack = new RackTelemetry(Profile);
        rack.Ingest([new GpuSample(0, T0, PowerW: 400), new GpuSample(1, T0, PowerW: 400)], T0, SampleLimits.Default);
        rack.Ingest([new GpuSample(1, T0.AddSeconds(4), PowerW: 400)], T0.AddSeconds(4), SampleLimits.Default);

        var later = T0.AddSeconds(6);

        Assert.Equal(1, rack.Totals(later, StaleAfter).GpusReporting);
        Assert.True(rack.Gpu("r", 0, later, StaleAfter).Stale);
        Assert.False(rack.Gpu("r", 1, later, StaleAfter).Stale);
        Assert.Equal(400, rack.Gpu("r", 0, later, StaleAfter).PowerW); // the last value stays visible, flagged
    }
}
