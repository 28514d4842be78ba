using TokenFactoryTwin.Domain.Timing;

namespace TokenFactoryTwin.UnitTests.Timing;

public sealed class FlushScheduleTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private static readonly DateTimeOffset Whole = new(2026, 11, 30, 15, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, 0.5, 500)]     // on the whole second: the next half second
    [InlineData(100, 0.5, 400)]
    [InlineData(400, 0.5, 1100)]  // too close to this period's slot: the next period's
    [InlineData(900, 0.75, 850)]
    [InlineData(999, 0.05, 1051)]
    public void The_timer_is_due_at_the_next_slot_of_its_phase_at_least_a_quarter_period_away(int nowMs, double phase, int dueMs)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(dueMs), FlushSchedule.DueIn(Whole.AddMilliseconds(nowMs), Second, phase));
    }

    [Fact]
    public void Racks_fire_before_halls_and_halls_before_the_facility()
    {
        var phases = Enumerable.Range(0, 1000).Select(i => FlushSchedule.RackPhase($"h01-r{i / 20:d2}-{i % 20:d2}")).ToList();

        Assert.All(phases, p => Assert.InRange(p, 0.01, 0.11));
        Assert.True(phases.Max() - phases.Min() > 0.08, "racks spread over the first tenth of the period");
        Assert.True(phases.Max() < FlushSchedule.HallPhase && FlushSchedule.HallPhase < FlushSchedule.FacilityPhase);
        Assert.Equal(FlushSchedule.RackPhase("h01-r01-01"), FlushSchedule.RackPhase("h01-r01-01"));
    }

    [Fact]
    public void Power_nodes_flush_after_the_halls_level_by_level_and_before_the_facility()
    {
        var phases = Enumerable.Range(1, 8).Select(FlushSchedule.PowerPhaseAt).ToList();

        Assert.Equal(FlushSchedule.PowerPhase, phases[0]);
        Assert.True(FlushSchedule.HallPhase < phases[0], "busways sum after the halls forwarded their racks' cord loads");
        Assert.True(phases[1] > phases[0] && phases[2] > phases[1], "each level after the one below it");
        Assert.All(phases, p => Assert.InRange(p, FlushSchedule.PowerPhase, FlushSchedule.LastPowerPhase));
        Assert.True(FlushSchedule.LastPowerPhase < FlushSchedule.FacilityPhase);
        Assert.Equal(FlushSchedule.PowerPhase, FlushSchedule.PowerPhaseAt(0)); // a node that has heard from nothing yet
    }
}
