using TokenFactoryTwin.Abstractions.Topology;

namespace TokenFactoryTwin.Domain.Facilities;

/// <summary>The power tree's checks: each node's rating, side and upstream, and no upstream chain that loops.</summary>
internal static class PowerTreeChecks
{
    public static void CheckNode(List<string> problems, PowerNodeSpec node, HashSet<string> nodes)
    {
        IdChecks.Check(problems, "power node", node.Id);
        if (node.RatingKw <= 0 || double.IsNaN(node.RatingKw))
        {
            problems.Add($"power node '{node.Id}': ratingKw {node.RatingKw} must be positive");
        }

        if (node.ContinuousLoadFraction is <= 0 or > 1)
        {
            problems.Add($"power node '{node.Id}': continuousLoadFraction {node.ContinuousLoadFraction} must be in (0, 1]");
        }

        if (!PowerSides.All.Contains(node.Side))
        {
            problems.Add($"power node '{node.Id}': side '{node.Side}' is not A or B");
        }

        if (node.Upstream is not null && !nodes.Contains(node.Upstream))
        {
            problems.Add($"power node '{node.Id}': upstream '{node.Upstream}' is not a power node of this facility");
        }

        if (node.Upstream is null && node.Kind != PowerNodeKind.UtilityFeed)
        {
            problems.Add($"power node '{node.Id}': a {node.Kind} needs an upstream node; only a utilityFeed stands at the top");
        }
    }

    public static void CheckCycles(List<string> problems, IReadOnlyList<PowerNodeSpec> nodes)
    {
        var upstream = nodes.Where(n => n.Id is not null).GroupBy(n => n.Id).ToDictionary(g => g.Key, g => g.First().Upstream);
        foreach (var start in upstream.Keys)
        {
            var seen = new HashSet<string>();
            for (var id = start; id is not null && upstream.TryGetValue(id, out var next); id = next)
            {
                if (!seen.Add(id))
                {
                    problems.Add($"power node '{start}': its upstream chain loops back to '{id}'");
                    break;
                }
            }
        }
    }
}
