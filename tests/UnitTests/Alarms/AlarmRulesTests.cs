using TokenFactoryTwin.Abstractions.Kpis;
using TokenFactoryTwin.Domain.Alarms;

namespace TokenFactoryTwin.UnitTests.Alarms;

public sealed class AlarmRulesTests
{
    private static readonly DateTimeOffset At = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_healthy_facility_raises_nothing()
    {
        var conditions = AlarmRules.Evaluate([Rack("r1")], [Node("bw-a", load: 300, partnerLost: 400)], [Link("up-r1", up: true)], AlarmThresholds.Default);

        Assert.Empty(conditions);
    }

    [Fact]
    public void A_node_over_its_derated_rating_is_critical_and_points_at_the_node()
    {
        var conditions = AlarmRules.Evaluate([], [Node("bw-a", load: 470, partnerLost: 900)], [], AlarmThresholds.Default);

        var alarm = Assert.Single(conditions);
        Assert.Equal(AlarmKinds.PowerOverDerated, alarm.Kind);
        Assert.Equal(AlarmSeverity.Critical, alarm.Severity);
        Assert.Equal(AlarmPlaceKinds.PowerNode, alarm.PlaceKind);
        Assert.Equal("bw-a", alarm.Place);
        Assert.Contains("470 kW", alarm.Message);
    }

    [Fact]
    public void A_node_that_would_be_over_without_its_partner_warns_that_N_plus_1_is_gone()
    {
        var conditions = AlarmRules.Evaluate([], [Node("bw-a", load: 300, partnerLost: 500)], [], AlarmThresholds.Default);

        var alarm = Assert.Single(conditions);
        Assert.Equal(AlarmKinds.PowerOverIfPartnerLost, alarm.Kind);
        Assert.Equal(AlarmSeverity.Warning, alarm.Severity);
    }

    [Fact]
    public void A_node_exactly_at_its_derated_rating_is_not_over()
    {
        Assert.Empty(AlarmRules.Evaluate([], [Node("bw-a", load: 460, partnerLost: 460)], [], AlarmThresholds.Default));
    }

    [Fact]
    public void Stale_racks_hot_GPUs_and_down_links_each_point_at_their_rack()
    {
        var conditions = AlarmRules.Evaluate(
            [Rack("r1", stale: true), Rack("r2", maxTemperature: 91), Rack("r3", maxTemperature: 85)],
            [],
            [Link("up-r3", up: false)],
            AlarmThresholds.Default);

        Assert.Equal(
            [(AlarmKinds.TelemetryStale, "r1"), (AlarmKinds.GpuOverTemperature, "r2"), (AlarmKinds.LinkDown, "r3")],
            conditions.Select(c => (c.Kind, c.Place)).ToArray());
        Assert.All(conditions, c => Assert.Equal(AlarmPlaceKinds.Rack, c.PlaceKind));
    }

    [Fact]
    public void A_stale_rack_reports_no_temperature_alarm_from_its_last_figures()
    {
        var conditions = AlarmRules.Evaluate([Rack("r1", stale: true, maxTemperature: 99)], [], [], AlarmThresholds.Default);

        Assert.Equal(AlarmKinds.TelemetryStale, Assert.Single(conditions).Kind);
    }

    internal static RackReading Rack(string id, bool stale = false, double maxTemperature = 60) => RackReading.From(new RackSnapshot(
        id, "hall-1", "gb300-nvl72", "gb300", 1, At, 72, stale ? 0 : 72, 1000, 800, 100, 130, 150, 0.8, maxTemperature, 100,
        "simulated", false, stale, 1, 1));

    internal static PowerNodeStatus Node(string id, double load, double partnerLost) => new(
        id, $"Node {id}", "busway", "A", 575, 460, load, 460 - load, partnerLost, "ups-a", 2, 0, 1, At);

    private static NetworkLinkStatus Link(string id, bool up) => new(id, id[3..], "spine-1", 800, 8, 100, 0.02, up, false);
}
