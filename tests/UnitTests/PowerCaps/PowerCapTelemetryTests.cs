using TokenFactoryTwin.Abstractions.Flex;
using TokenFactoryTwin.Abstractions.Telemetry;
using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Domain.Simulation;
using TokenFactoryTwin.Domain.Telemetry;
using TokenFactoryTwin.Domain.Telemetry.PowerCaps;

namespace TokenFactoryTwin.UnitTests.PowerCaps;

/// <summary>Enforced limits and clocks-event reasons held per GPU by a rack, checked, and simulated under a cap.</summary>
public sealed class PowerCapTelemetryTests
{
    private static readonly RackProfile H100 = new("h100", 8, 700, 67, 42.8 / 4, 1.73, 100, 0.5, 3200, "air", 80);
    private static readonly RackProfile Gb300 = new("gb300", 72, 1400, 200, 135, 2.1, 6000, 0.5, 57_600, "liquid", 288);
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(5);

    [Fact]
    public void A_GPU_shows_its_enforced_limit_its_reasons_in_words_and_the_recommended_cap()
    {
        var rack = new RackTelemetry(H100);
        var result = rack.Ingest(
        [
            new GpuSample(0, T0, PowerW: 395, EnforcedPowerLimitW: 400, ClocksEventReasons: 0x4),
            new GpuSample(1, T0, PowerW: 380, EnforcedPowerLimitW: 700, ClocksEventReasons: 0),
            new GpuSample(2, T0, PowerW: 100),
        ], T0, SampleLimits.Default);
        Assert.Equal(3, result.Accepted);

        var capped = rack.Gpu("r", 0, T0, StaleAfter, recommendedCapW: 400);
        Assert.Equal((400.0, 4L, 400.0, true, false), (capped.EnforcedPowerLimitW, capped.ClocksEventReasons, capped.RecommendedCapW, capped.CapBinding, capped.CapNotApplied));
        Assert.Equal(["power cap"], capped.ThrottleReasons);

        var missed = rack.Gpu("r", 1, T0, StaleAfter, recommendedCapW: 400);
        Assert.Equal((700.0, false, true), (missed.EnforcedPowerLimitW, missed.CapBinding, missed.CapNotApplied));
        Assert.Empty(missed.ThrottleReasons!);

        var silent = rack.Gpu("r", 2, T0, StaleAfter, recommendedCapW: 400);
        Assert.Equal((null, null, null, false, false), (silent.EnforcedPowerLimitW, silent.ClocksEventReasons, silent.ThrottleReasons, silent.CapBinding, silent.CapNotApplied));

        Assert.Equal((1, 1), rack.CapReadback(T0, StaleAfter, 400));
        Assert.Equal((1, 0), rack.CapReadback(T0, StaleAfter, null)); // GPU 0's 400 W limit is below its board's 700 W
        Assert.Equal((0, 0), rack.CapReadback(T0.AddMinutes(1), StaleAfter, 400)); // stale GPUs say nothing now
    }

    [Theory]
    [InlineData(double.NaN, null, "enforcedPowerLimitW is not a finite number")]
    [InlineData(-1.0, null, "enforcedPowerLimitW -1 is below 0")]
    [InlineData(null, -1.0, "clocksEventReasons -1 is below 0")]
    [InlineData(null, 4294967296.0, "clocksEventReasons 4294967296 is above 4294967295")]
    [InlineData(null, 4.5, "clocksEventReasons 4.5 is not a whole number")]
    [InlineData(null, double.PositiveInfinity, "clocksEventReasons is not a finite number")]
    public void An_impossible_limit_or_reasons_refuses_the_sample_with_the_field_named(double? limitW, double? reasons, string reason)
    {
        var rack = new RackTelemetry(H100);
        var result = rack.Ingest([new GpuSample(0, T0, PowerW: 300, EnforcedPowerLimitW: limitW, ClocksEventReasons: reasons)], T0, SampleLimits.Default);

        Assert.Equal(0, result.Accepted);
        Assert.Contains(reason, Assert.Single(result.Errors).Reason, StringComparison.Ordinal);
        Assert.Null(rack.Gpu("r", 0, T0, StaleAfter).PowerW); // nothing of the sample applied
    }

    [Fact]
    public void Every_32_bit_mask_is_accepted()
    {
        var rack = new RackTelemetry(H100);
        var result = rack.Ingest([new GpuSample(0, T0, EnforcedPowerLimitW: 0, ClocksEventReasons: uint.MaxValue)], T0, SampleLimits.Default);

        Assert.Equal(1, result.Accepted);
        Assert.Equal(uint.MaxValue, rack.Gpu("r", 0, T0, StaleAfter).ClocksEventReasons);
    }

    [Fact]
    public void Simulated_GPUs_under_a_cap_enforce_it_and_report_the_power_cap_reason_while_held_at_it()
    {
        var simulator = new RackSimulator(Gb300, new LoadCurveSpec("constant", 1, Noise: 0), 1, "rack-1");
        var free = simulator.Tick(T0);
        Assert.All(free, s => Assert.Equal((1400.0, 0.0), (s.EnforcedPowerLimitW, s.ClocksEventReasons)));

        simulator.PowerCap = new RackPowerCap(1000, 0.8);
        var capped = simulator.Tick(T0.AddSeconds(1));
        Assert.All(capped, s => Assert.Equal((1000.0, 1000.0, (double)ClocksEventReasons.SwPowerCap), (s.PowerW, s.EnforcedPowerLimitW, s.ClocksEventReasons)));

        // A cap above what the GPUs draw is enforced but does not bind.
        simulator.PowerCap = new RackPowerCap(1500, 1);
        Assert.All(simulator.Tick(T0.AddSeconds(2)), s => Assert.Equal((1500.0, 0.0), (s.EnforcedPowerLimitW, s.ClocksEventReasons)));
    }

    [Fact]
    public void A_simulated_rack_at_full_load_without_a_cap_is_power_bound_not_capped()
    {
        var simulator = new RackSimulator(Gb300, new LoadCurveSpec("constant", 1, Noise: 0), 1, "rack-1");
        var telemetry = new RackTelemetry(Gb300, simulator.UuidOf);
        simulator.Tick(T0, telemetry);

        Assert.Equal((0, 0), telemetry.CapReadback(T0, StaleAfter, null));
        Assert.Equal((1400.0, 1400.0, false), (telemetry.Gpu("r", 0, T0, StaleAfter).PowerW, telemetry.Gpu("r", 0, T0, StaleAfter).EnforcedPowerLimitW, telemetry.Gpu("r", 0, T0, StaleAfter).CapBinding));
    }

    [Fact]
    public void A_simulated_rack_under_a_cap_shows_every_GPU_binding_and_the_cap_applied()
    {
        var simulator = new RackSimulator(Gb300, new LoadCurveSpec("constant", 1, Noise: 0), 1, "rack-1") { PowerCap = new RackPowerCap(1000, 0.8) };
        var telemetry = new RackTelemetry(Gb300, simulator.UuidOf);
        simulator.Tick(T0, telemetry);

        Assert.Equal((72, 0), telemetry.CapReadback(T0, StaleAfter, 1000));
        var gpu = telemetry.Gpu("r", 5, T0, StaleAfter, 1000);
        Assert.Equal((1000.0, true, false), (gpu.EnforcedPowerLimitW, gpu.CapBinding, gpu.CapNotApplied));
        Assert.Equal(["power cap"], gpu.ThrottleReasons);
    }
}
