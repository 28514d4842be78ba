using TokenFactoryTwin.Domain.Alarms;

namespace TokenFactoryTwin.UnitTests.Alarms;

public sealed class PowerCapAlarmTests
{
    private static IReadOnlyList<AlarmCondition> Evaluate(RackReading rack) => AlarmRules.Evaluate([rack], [], [], AlarmThresholds.Default);

    [Fact]
    public void A_binding_cap_is_a_warning_on_its_rack_that_counts_the_GPUs()
    {
        var condition = Assert.Single(Evaluate(new RackReading("r1", false, 8, 8, 60, GpusCapBinding: 3)));

        Assert.Equal((AlarmKinds.PowerCapBinding, AlarmSeverity.Warning, AlarmPlaceKinds.Rack, "r1", "power-cap-binding:r1"),
            (condition.Kind, condition.Severity, condition.PlaceKind, condition.Place, condition.Key));
        Assert.Equal("Rack r1: power cap binding on 3/8 GPUs (clocks held at the power limit)", condition.Message);
    }

    [Fact]
    public void A_cap_not_applied_is_critical_and_shows_beside_a_binding_one()
    {
        var conditions = Evaluate(new RackReading("r1", false, 8, 8, 60, GpusCapBinding: 1, GpusCapNotApplied: 7));

        Assert.Equal([AlarmKinds.PowerCapNotApplied, AlarmKinds.PowerCapBinding], conditions.Select(c => c.Kind));
        Assert.Equal(AlarmSeverity.Critical, conditions[0].Severity);
        Assert.Equal("Rack r1: power cap not applied on 7/8 GPUs (their enforced limit is not the flex event's cap)", conditions[0].Message);
    }

    [Fact]
    public void No_cap_alarm_without_GPUs_at_fault_nor_from_a_stale_racks_last_figures()
    {
        Assert.Empty(Evaluate(new RackReading("r1", false, 8, 8, 60)));
        Assert.Equal([AlarmKinds.TelemetryStale], Evaluate(new RackReading("r1", true, 8, 0, 60, 2, 2)).Select(c => c.Kind));
    }
}
