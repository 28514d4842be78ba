using TokenFactoryTwin.Abstractions.Topology;

namespace TokenFactoryTwin.Domain.Planning;

/// <summary>
/// The working copy a scenario's changes edit: halls, power path, spines, racks, failed nodes and the cost model.
/// Built from a baseline by <see cref="PlanBuilder"/>, edited by <see cref="ChangeApplier"/>, read by <see cref="PlanMeasure"/>.
/// </summary>
public sealed class PlanModel
{
    public required string FacilityId { get; init; }

    public required string Name { get; init; }

    public required DateTimeOffset AsOf { get; init; }

    public required List<HallSpec> Halls { get; init; }

    public required List<PowerNodeSpec> PowerNodes { get; init; }

    public required List<SpineSwitchSpec> Spines { get; init; }

    public required List<PlannedRack> Racks { get; init; }

    public HashSet<string> Failed { get; } = new(StringComparer.Ordinal);

    public required CostModelSpec CostModel { get; set; }

    public HallSpec? Hall(string? id) => Halls.Find(h => h.Id == id);

    public PowerNodeSpec? PowerNode(string? id) => PowerNodes.Find(n => n.Id == id);

    public bool HasSpine(string? id) => Spines.Exists(s => s.Id == id);

    /// <summary>Ports taken on each spine, by every rack in the scenario.</summary>
    public Dictionary<string, int> PortsUsed()
    {
        var used = Spines.ToDictionary(s => s.Id, _ => 0, StringComparer.Ordinal);
        foreach (var rack in Racks)
        {
            foreach (var uplink in rack.Uplinks)
            {
                used[uplink.Spine] = used.GetValueOrDefault(uplink.Spine) + uplink.Ports;
            }
        }

        return used;
    }

    /// <summary>The spine a new rack uplinks to: the one with most free ports among those as fast as the rack's ports, else any.</summary>
    public string? PickSpine(double portGbps, IReadOnlyDictionary<string, int> used) => Spines
        .OrderByDescending(s => s.PortGbps >= portGbps)
        .ThenByDescending(s => s.Ports - used.GetValueOrDefault(s.Id))
        .Select(s => s.Id)
        .FirstOrDefault();
}
