using TokenFactoryTwin.Domain.Telemetry.PowerCaps;

namespace TokenFactoryTwin.UnitTests.PowerCaps;

public sealed class PowerCapReadbackTests
{
    [Theory]
    [InlineData(0L, "")]
    [InlineData(0x4L, "power cap")]
    [InlineData(0x1L | 0x40 | 0x80, "idle|hardware thermal slowdown|hardware power brake")]
    [InlineData(0x2L | 0x8 | 0x10 | 0x20 | 0x100, "applications clocks setting|hardware slowdown|sync boost|software thermal slowdown|display clock setting")]
    [InlineData(0x4L | 0x400, "power cap|other (0x400)")]
    public void Reasons_read_as_words_in_bit_order(long reasons, string words) =>
        Assert.Equal(words, string.Join('|', ClocksEventReasons.Describe(reasons)));

    [Fact]
    public void The_bits_are_NVMLs()
    {
        Assert.Equal(
            [0x1L, 0x2, 0x4, 0x8, 0x10, 0x20, 0x40, 0x80, 0x100],
            [ClocksEventReasons.GpuIdle, ClocksEventReasons.ApplicationsClocksSetting, ClocksEventReasons.SwPowerCap,
                ClocksEventReasons.HwSlowdown, ClocksEventReasons.SyncBoost, ClocksEventReasons.SwThermalSlowdown,
                ClocksEventReasons.HwThermalSlowdown, ClocksEventReasons.HwPowerBrakeSlowdown, ClocksEventReasons.DisplayClockSetting]);
    }

    [Theory]
    [InlineData(113.6, 200.0, 4L, null, true)] // the power-cap reason alone, under a limit set below the board's 700 W
    [InlineData(113.6, 200.0, 1L, null, false)] // idle, far under its limit
    [InlineData(390.0, 400.0, 0L, null, true)] // 97.5 % of a lowered limit, no reasons reported
    [InlineData(385.0, 400.0, 0L, null, false)] // 96.25 %
    [InlineData(390.0, null, null, 400.0, false)] // nothing reported to judge by
    [InlineData(null, null, 4L, 400.0, true)] // held by the power cap while a flex event caps it
    [InlineData(null, null, 4L, null, false)] // held, but no sign of a cap: a power-bound GPU
    [InlineData(700.0, 700.0, 4L, null, false)] // at full load against its own board limit: power-bound, not capped
    [InlineData(690.0, 700.0, 0L, 700.0, true)] // the same draw is a binding cap when a flex event sets 700 W
    [InlineData(0.0, 0.0, 0L, null, false)] // a zero limit is no limit to be at
    public void A_cap_binds_when_the_GPU_is_held_at_a_limit_that_is_a_cap(double? powerW, double? limitW, long? reasons, double? capW, bool binds) =>
        Assert.Equal(binds, PowerCapReadback.Binds(powerW, limitW, reasons, boardLimitW: 700, capW));

    [Theory]
    [InlineData(700.0, 400.0, true)] // the agent never applied the cap
    [InlineData(410.0, 400.0, false)] // within 20 W (5 %)
    [InlineData(421.0, 400.0, true)]
    [InlineData(200.0, 150.0, true)] // at least 10 W tolerance: 50 W off
    [InlineData(158.0, 150.0, false)]
    [InlineData(300.0, 400.0, true)] // another limiter holds it lower than planned
    [InlineData(null, 400.0, false)] // no limit reported: nothing to say
    [InlineData(700.0, null, false)] // no flex event
    public void A_cap_is_not_applied_when_the_enforced_limit_misses_it_beyond_the_tolerance(double? limitW, double? capW, bool notApplied) =>
        Assert.Equal(notApplied, PowerCapReadback.CapNotApplied(limitW, capW));
}
