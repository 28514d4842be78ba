using TokenFactoryTwin.Domain.Alarms;

namespace TokenFactoryTwin.UnitTests.Alarms;

public sealed class AlarmLogTests
{
    private static readonly DateTimeOffset T0 = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_alarm_that_stays_raised_keeps_the_time_it_was_first_seen()
    {
        var log = new AlarmLog();
        log.Update([Condition("a")], T0);

        var alarm = Assert.Single(log.Update([Condition("a", "updated")], T0.AddSeconds(5)));

        Assert.Equal(T0, alarm.Since);
        Assert.Equal("updated", alarm.Condition.Message);
    }

    [Fact]
    public void Newest_first_then_most_severe()
    {
        var log = new AlarmLog();
        log.Update([Condition("old")], T0);

        var alarms = log.Update(
            [Condition("old"), Condition("new-warning"), Condition("new-critical", severity: AlarmSeverity.Critical)],
            T0.AddSeconds(1));

        Assert.Equal(["new-critical", "new-warning", "old"], alarms.Select(a => a.Condition.Key).ToArray());
    }

    [Fact]
    public void A_cleared_alarm_that_comes_back_is_a_new_alarm()
    {
        var log = new AlarmLog();
        log.Update([Condition("a")], T0);
        Assert.Empty(log.Update([], T0.AddSeconds(1)));

        Assert.Equal(T0.AddSeconds(2), Assert.Single(log.Update([Condition("a")], T0.AddSeconds(2))).Since);
    }

    private static AlarmCondition Condition(string key, string message = "m", AlarmSeverity severity = AlarmSeverity.Warning) =>
        new(key, AlarmKinds.TelemetryStale, severity, key, AlarmPlaceKinds.Rack, key, message);
}
