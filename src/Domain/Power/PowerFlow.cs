using TokenFactoryTwin.Abstractions.Topology;

namespace TokenFactoryTwin.Domain.Power;

/// <summary>
/// Loads on a power tree from the racks' IT loads, with some nodes failed. A node is dead when it or any node
/// upstream of it has failed; a rack with one dead cord moves all its load to the other. Each node carries its
/// own cords plus everything downstream of it — now, and with its partner side lost.
/// </summary>
public static class PowerFlow
{
    public static PowerFlowResult Evaluate(
        IReadOnlyList<PowerNodeSpec> nodes,
        IEnumerable<RackPowerDemand> racks,
        IReadOnlySet<string>? failed = null)
    {
        failed ??= new HashSet<string>();
        var byId = nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
        var dead = new Dictionary<string, bool>(StringComparer.Ordinal);
        var load = nodes.ToDictionary(n => n.Id, _ => 0.0, StringComparer.Ordinal);
        var partnerLost = nodes.ToDictionary(n => n.Id, _ => 0.0, StringComparer.Ordinal);
        var unpowered = new List<string>();

        foreach (var rack in racks)
        {
            var aLive = byId.ContainsKey(rack.PowerA) && !IsDead(rack.PowerA, byId, failed, dead);
            var bLive = rack.PowerB is not null && byId.ContainsKey(rack.PowerB) && !IsDead(rack.PowerB, byId, failed, dead);
            if (!aLive && !bLive)
            {
                unpowered.Add(rack.RackId);
                continue;
            }

            var (a, b) = CordSplit.Split(rack.ItKw, rack.PowerB is not null, aLive, bLive);
            AddUpstream(rack.PowerA, a, byId, load, partnerLost);
            if (rack.PowerB is not null)
            {
                AddUpstream(rack.PowerB, b, byId, load, partnerLost);
            }
        }

        var result = nodes.Select(n => new PowerNodeLoad(
            n.Id, n.RatingKw, n.DeratedKw, load[n.Id], partnerLost[n.Id], IsDead(n.Id, byId, failed, dead))).ToList();
        return new PowerFlowResult(result, unpowered);
    }

    private static void AddUpstream(
        string nodeId, CordLoad cord, Dictionary<string, PowerNodeSpec> byId,
        Dictionary<string, double> load, Dictionary<string, double> partnerLost)
    {
        if (cord.LoadKw == 0 && cord.LoadIfPartnerLostKw == 0)
        {
            return;
        }

        // Walk up the tree; the facility file validation guarantees it has no cycle.
        for (var id = nodeId; id is not null && byId.TryGetValue(id, out var node); id = node.Upstream)
        {
            load[id] += cord.LoadKw;
            partnerLost[id] += cord.LoadIfPartnerLostKw;
        }
    }

    private static bool IsDead(string id, Dictionary<string, PowerNodeSpec> byId, IReadOnlySet<string> failed, Dictionary<string, bool> memo)
    {
        if (memo.TryGetValue(id, out var known))
        {
            return known;
        }

        var node = byId[id];
        var dead = failed.Contains(id) || (node.Upstream is not null && byId.ContainsKey(node.Upstream) && IsDead(node.Upstream, byId, failed, memo));
        memo[id] = dead;
        return dead;
    }
}
