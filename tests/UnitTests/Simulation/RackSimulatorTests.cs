using TokenFactoryTwin.Abstractions.Telemetry;
using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Domain.Simulation;
using TokenFactoryTwin.Domain.Telemetry;

namespace TokenFactoryTwin.UnitTests.Simulation;

public sealed class RackSimulatorTests
{
    private static readonly RackProfile Gb300 = new("gb300", 72, 1400, 200, 135, 2.1, 6000, 0.5, 57_600, "liquid", 288);
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 15, 0, 0, TimeSpan.Zero);

    private static List<GpuSampleSeries> Run(long seed, LoadCurveSpec load, int ticks = 10)
    {
        var simulator = new RackSimulator(Gb300, load, seed, "rack-1");
        return Enumerable.Range(0, ticks).Select(i => new GpuSampleSeries(simulator.Tick(T0.AddSeconds(i)))).ToList();
    }

    [Fact]
    public void The_same_seed_replays_the_same_telemetry_and_another_seed_does_not()
    {
        var load = new LoadCurveSpec("diurnal", Min: 0.5, Max: 0.9, Noise: 0.05);

        Assert.Equal(Run(7, load), Run(7, load));
        Assert.NotEqual(Run(7, load), Run(8, load));
    }

    [Fact]
    public void Power_follows_load_between_idle_and_tdp_and_tokens_follow_load_up_to_the_operating_point()
    {
        foreach (var (level, power, tokens) in new[] { (0.0, 200.0, 0.0), (0.5, 800.0, 3000.0), (1.0, 1400.0, 6000.0) })
        {
            var simulator = new RackSimulator(Gb300, new LoadCurveSpec("constant", level, Noise: 0), 1, "rack-1");
            var telemetry = new RackTelemetry(Gb300);
            for (var i = 0; i < 3; i++)
            {
                foreach (var sample in simulator.Tick(T0.AddSeconds(i)))
                {
                    telemetry.Apply(PackedGpuSample.From(sample), sample.Uuid);
                }
            }

            var totals = telemetry.Totals(T0.AddSeconds(2), TimeSpan.FromSeconds(5));
            Assert.Equal(72 * power / 1000, totals.GpuPowerKw, 6);
            Assert.Equal(72 * tokens, totals.TokensPerSecond, 72 * 2.0); // counters are whole tokens
        }
    }

    [Fact]
    public void At_full_load_the_rack_draws_its_catalog_it_power()
    {
        var simulator = new RackSimulator(Gb300, new LoadCurveSpec("constant", 1, Noise: 0), 1, "rack-1");
        var telemetry = new RackTelemetry(Gb300);
        foreach (var sample in simulator.Tick(T0))
        {
            telemetry.Apply(PackedGpuSample.From(sample), sample.Uuid);
        }

        Assert.Equal(135, telemetry.Totals(T0, TimeSpan.FromSeconds(5)).ItPowerKw, 6);
    }

    [Fact]
    public void A_trace_replay_follows_the_azure_trace_shape()
    {
        var trace = TraceLibrary.Get("azure-conv-2023");

        // 19,366 data rows after the header (the provenance note counts one fewer: the file ends without a newline).
        Assert.Equal(19_366, trace.Requests);
        Assert.InRange(trace.Levels.Count, 3000, 4000); // about an hour of requests
        Assert.Equal(1.0, trace.Levels.Max(), 9);
        Assert.InRange(trace.OutputShare, 0.05, 0.5);
        var curve = new TraceLoadCurve(trace, 0.9);
        Assert.All(Enumerable.Range(0, 600).Select(s => curve.LevelAt(T0.AddSeconds(s))), level => Assert.InRange(level, 0, 0.9));
    }

    [Fact]
    public void A_diurnal_curve_peaks_at_its_peak_hour()
    {
        var curve = new DiurnalLoadCurve(0.4, 0.9, peakHourUtc: 15);

        Assert.Equal(0.9, curve.LevelAt(T0), 9);
        Assert.Equal(0.4, curve.LevelAt(T0.AddHours(12)), 9);
    }

    /// <summary>A tick's samples, compared by value.</summary>
    private sealed record GpuSampleSeries(IReadOnlyList<TokenFactoryTwin.Abstractions.Telemetry.GpuSample> Samples)
    {
        public bool Equals(GpuSampleSeries? other) => other is not null && Samples.SequenceEqual(other.Samples);

        public override int GetHashCode() => Samples.Count;
    }
}
