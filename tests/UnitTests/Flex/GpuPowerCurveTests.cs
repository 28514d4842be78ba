using CsCheck;
using TokenFactoryTwin.Domain.Performance.PowerCap;

namespace TokenFactoryTwin.UnitTests.Flex;

public sealed class GpuPowerCurveTests
{
    private static readonly StepMix MemoryBound = new(1, 0, 0, 0);
    private static readonly StepMix ComputeBound = new(0, 1, 0, 0);
    private static readonly StepMix CommunicationBound = new(0, 0, 1, 0);

    [Fact]
    public void A_cap_at_or_above_the_natural_draw_does_not_bind()
    {
        var curve = new GpuPowerCurve(75, 700, 450, ComputeBound);

        Assert.Equal(1, curve.ClockAt(450));
        Assert.Equal(1, curve.SpeedAt(700));
        Assert.Equal(450, curve.DrawUnder(600));
        Assert.Equal(450, curve.DrawAt(1), 9);
    }

    [Fact]
    public void The_same_cap_costs_a_compute_bound_step_most_a_memory_bound_step_least_and_communication_in_between()
    {
        // Every class at the same draw and the same cap, 20 % below it.
        var memory = new GpuPowerCurve(75, 700, 600, MemoryBound).SpeedAt(480);
        var communication = new GpuPowerCurve(75, 700, 600, CommunicationBound).SpeedAt(480);
        var compute = new GpuPowerCurve(75, 700, 600, ComputeBound).SpeedAt(480);

        Assert.True(compute < communication && communication < memory, $"compute {compute}, communication {communication}, memory {memory}");
        Assert.True(memory > 0.9, $"memory-bound speed {memory}");

        // Compute-bound speed follows the clock: the clock the cap leaves.
        Assert.Equal(new GpuPowerCurve(75, 700, 600, ComputeBound).ClockAt(480), compute, 9);
    }

    [Fact]
    public void A_lower_cap_never_draws_more_nor_runs_faster_and_never_draws_above_a_cap_it_can_meet()
    {
        Gen.Select(Gen.Double[50, 300], Gen.Double[0, 1], Gen.Double[0, 1], Gen.Double[0, 1], Gen.Double[0, 1], Gen.Double[0, 1], Gen.Double[0, 1])
            .Sample((idle, naturalShare, m, c, n, a, b) =>
            {
                var total = m + c + n + 0.01;
                var curve = new GpuPowerCurve(idle, 1000, idle + (naturalShare * (1000 - idle)), new StepMix(m / total, c / total, n / total, 0.01 / total));
                var (low, high) = (Math.Min(a, b) * 1000, Math.Max(a, b) * 1000);
                return curve.SpeedAt(low) <= curve.SpeedAt(high) + 1e-12
                    && curve.DrawUnder(low) <= curve.DrawUnder(high) + 1e-9
                    && (high < curve.MinCapW || curve.DrawUnder(high) <= high + 1e-9)
                    && curve.SpeedAt(low) > 0 && curve.SpeedAt(high) <= 1 + 1e-12;
            }, iter: 2000);
    }
}
