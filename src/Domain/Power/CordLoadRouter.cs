using TokenFactoryTwin.Abstractions.Kpis;

namespace TokenFactoryTwin.Domain.Power;

/// <summary>
/// A hall's side of the cord loads: groups its racks' cord loads (carried in their snapshots) by power node, one
/// complete batch per node per period. A node that had racks of the hall last period and has none now gets one empty
/// batch, so it lets go of them (their cords moved, or they left the hall).
/// </summary>
public sealed class CordLoadRouter
{
    // Each node routed to last period, with how many cords it had: lists start at that size rather than grow to it.
    private readonly Dictionary<string, int> _routed = new(StringComparer.Ordinal);

    public Dictionary<string, List<PowerLoadReport>> Route(IEnumerable<RackSnapshot> racks)
    {
        var byNode = new Dictionary<string, List<PowerLoadReport>>(_routed.Count, StringComparer.Ordinal);
        foreach (var rack in racks)
        {
            if (rack.Cords is not { } cords)
            {
                continue;
            }

            Add(byNode, cords.PowerA, new PowerLoadReport(rack.RackId, rack.Version, rack.AsOf, cords.LoadAKw, cords.LoadAIfPartnerLostKw));
            if (cords.PowerB is { } powerB)
            {
                Add(byNode, powerB, new PowerLoadReport(rack.RackId, rack.Version, rack.AsOf, cords.LoadBKw, cords.LoadBIfPartnerLostKw));
            }
        }

        foreach (var node in _routed.Keys)
        {
            byNode.TryAdd(node, []);
        }

        _routed.Clear();
        foreach (var (node, loads) in byNode)
        {
            if (loads.Count > 0)
            {
                _routed[node] = loads.Count;
            }
        }

        return byNode;
    }

    private void Add(Dictionary<string, List<PowerLoadReport>> byNode, string node, PowerLoadReport load)
    {
        if (!byNode.TryGetValue(node, out var loads))
        {
            byNode[node] = loads = new List<PowerLoadReport>(_routed.GetValueOrDefault(node, 4));
        }

        loads.Add(load);
    }
}
