using System.Globalization;
using TokenFactoryTwin.Abstractions.Planning;
using TokenFactoryTwin.Abstractions.Topology;

namespace TokenFactoryTwin.Domain.Planning;

/// <summary>Violations in the words a planner uses: the thing by name and id, the load, the limit, the condition.</summary>
public static class ViolationText
{
    public static string Over(PowerNodeSpec node, double loadKw) =>
        $"{Describe(node)} would carry {Kw(loadKw)} of {Kw(node.DeratedKw)} derated";

    public static string OverIfPartnerLost(PowerNodeSpec node, double loadKw) =>
        $"{Describe(node)} would carry {Kw(loadKw)} of {Kw(node.DeratedKw)} derated if feed {Partner(node.Side)} is lost";

    public static string Unpowered(string rackId) => $"rack {rackId} would lose power: both its cords hang off failed nodes";

    public static string Cooling(HallSpec hall, double loadKw) =>
        $"{hall.Name} ({hall.Id}) would need {Kw(loadKw)} of cooling; it has {Kw(hall.CoolingCapacityKw ?? 0)}";

    public static string Spine(SpineConstraint spine) =>
        $"spine switch {spine.Spine} would need {spine.PortsUsed} ports; it has {spine.Ports}";

    public static string Kw(double kw) => string.Create(CultureInfo.InvariantCulture, $"{kw:N0} kW");

    private static string Describe(PowerNodeSpec node) => node.Name == node.Id ? node.Id : $"{node.Name} ({node.Id})";

    private static string Partner(string side) => side == "A" ? "B" : "A";
}
