using TokenFactoryTwin.Abstractions.Telemetry;
using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Domain.Simulation;
using TokenFactoryTwin.Domain.Telemetry;

namespace TokenFactoryTwin.UnitTests.Simulation;

/// <summary>A simulated rack writes its ticks straight into its arrays; that must be the same telemetry as the samples.</summary>
public sealed class SimulatorIntoTelemetryTests
{
    private static readonly RackProfile Gb300 = new("gb300", 72, 1400, 200, 135, 2.1, 6000, 0.5, 57_600, "liquid", 288);
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Ticking_into_the_arrays_gives_the_same_totals_and_gpus_as_applying_the_samples()
    {
        var load = new LoadCurveSpec("diurnal", Min: 0.4, Max: 0.9, Noise: 0.05);
        var bySamples = new RackSimulator(Gb300, load, 11, "rack-7");
        var direct = new RackSimulator(Gb300, load, 11, "rack-7");
        var viaSamples = new RackTelemetry(Gb300);
        var viaArrays = new RackTelemetry(Gb300, direct.UuidOf);
        for (var i = 0; i < 5; i++)
        {
            foreach (var sample in bySamples.Tick(T0.AddSeconds(i)))
            {
                viaSamples.Apply(PackedGpuSample.From(sample), sample.Uuid);
            }

            direct.Tick(T0.AddSeconds(i), viaArrays);
        }

        var now = T0.AddSeconds(4);
        var stale = TimeSpan.FromSeconds(5);
        Assert.Equal(viaSamples.Totals(now, stale), viaArrays.Totals(now, stale));
        for (var g = 0; g < Gb300.Gpus; g++)
        {
            Assert.Equal(viaSamples.Gpu("rack-7", g, now, stale), viaArrays.Gpu("rack-7", g, now, stale));
        }
    }

    [Fact]
    public void A_gpu_that_never_reported_has_no_uuid_even_when_the_rack_can_name_it()
    {
        var simulator = new RackSimulator(Gb300, null, 1, "rack-1");
        var telemetry = new RackTelemetry(Gb300, simulator.UuidOf);

        Assert.Null(telemetry.UuidOf(0));
        simulator.Tick(T0, telemetry);
        Assert.Equal(simulator.UuidOf(0), telemetry.UuidOf(0));
    }
}
