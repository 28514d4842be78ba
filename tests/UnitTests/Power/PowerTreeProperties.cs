using CsCheck;
using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Domain.Power;

namespace TokenFactoryTwin.UnitTests.Power;

/// <summary>
/// Power flow over any two-sided tree (feeds → UPSs → busways), any racks on any pair of busways, any nodes failed:
/// every kilowatt a powered rack draws arrives at exactly one live feed, each node carries its own cords plus its
/// children, and a dead node carries nothing.
/// </summary>
public sealed class PowerTreeProperties
{
    private static readonly Gen<(PowerNodeSpec[] Nodes, RackPowerDemand[] Racks, HashSet<string> Failed)> Trees =
        Gen.Select(Gen.Int[1, 3], Gen.Int[1, 4], Gen.Int[1, 4]).SelectMany((feeds, upsPerFeed, bwPerUps) =>
        {
            var nodes = new List<PowerNodeSpec>();
            foreach (var side in new[] { "A", "B" })
            {
                for (var f = 0; f < feeds; f++)
                {
                    nodes.Add(new($"feed-{side}{f}", "feed", PowerNodeKind.UtilityFeed, side, 10_000));
                    for (var u = 0; u < upsPerFeed; u++)
                    {
                        nodes.Add(new($"ups-{side}{f}{u}", "ups", PowerNodeKind.Ups, side, 5_000, $"feed-{side}{f}"));
                        for (var w = 0; w < bwPerUps; w++)
                        {
                            nodes.Add(new($"bw-{side}{f}{u}{w}", "busway", PowerNodeKind.Busway, side, 1_000, $"ups-{side}{f}{u}"));
                        }
                    }
                }
            }

            var busways = nodes.Where(n => n.Kind == PowerNodeKind.Busway).ToArray();
            var a = busways.Where(n => n.Side == "A").ToArray();
            var b = busways.Where(n => n.Side == "B").ToArray();
            var racks = Gen.Select(Gen.Int[0, a.Length - 1], Gen.Int[0, b.Length - 1], Gen.Double[0, 200], Gen.Bool).Array[0, 40]
                .Select(rs => rs.Select((r, i) => new RackPowerDemand($"r{i}", a[r.Item1].Id, r.Item4 ? b[r.Item2].Id : null, r.Item3)).ToArray());
            var failed = Gen.Int[0, nodes.Count - 1].Array[0, 3].Select(ix => ix.Select(i => nodes[i].Id).ToHashSet());
            return Gen.Select(racks, failed, (r, f) => (nodes.ToArray(), r, f));
        });

    [Fact]
    public void Every_powered_kilowatt_reaches_one_live_feed_and_each_node_carries_its_children()
    {
        Trees.Sample((nodes, racks, failed) =>
        {
            var result = PowerFlow.Evaluate(nodes, racks, failed);
            var load = result.Nodes.ToDictionary(n => n.NodeId);
            const double eps = 1e-6;

            var powered = racks.Where(r => !result.UnpoweredRacks.Contains(r.RackId)).Sum(r => r.ItKw);
            var atFeeds = nodes.Where(n => n.Upstream is null).Sum(n => load[n.Id].LoadKw);
            if (Math.Abs(powered - atFeeds) > eps)
            {
                return false;
            }

            foreach (var node in nodes)
            {
                var children = nodes.Where(n => n.Upstream == node.Id).Sum(n => load[n.Id].LoadKw);
                var own = racks.Where(r => !result.UnpoweredRacks.Contains(r.RackId) && (r.PowerA == node.Id || r.PowerB == node.Id))
                    .Sum(r => Cord(r, node.Id, load));
                if (Math.Abs(load[node.Id].LoadKw - (children + own)) > eps || (load[node.Id].Failed && load[node.Id].LoadKw != 0))
                {
                    return false;
                }
            }

            // A rack is unpowered exactly when neither of its cords has a live path to a feed.
            return racks.All(r => result.UnpoweredRacks.Contains(r.RackId) == (load[r.PowerA].Failed && (r.PowerB is null || load[r.PowerB].Failed)));
        }, iter: 500);
    }

    /// <summary>What a rack's cord on <paramref name="node"/> carries: half with both sides live, all of it with one.</summary>
    private static double Cord(RackPowerDemand rack, string node, Dictionary<string, PowerNodeLoad> load)
    {
        var other = rack.PowerA == node ? rack.PowerB : rack.PowerA;
        return load[node].Failed ? 0 : other is null || load[other].Failed ? rack.ItKw : rack.ItKw / 2;
    }
}
