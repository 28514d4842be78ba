namespace TokenFactoryTwin.Domain.Power;

/// <summary>Every node's load, and the racks that lost both cords.</summary>
public sealed record PowerFlowResult(IReadOnlyList<PowerNodeLoad> Nodes, IReadOnlyList<string> UnpoweredRacks)
{
    public PowerNodeLoad Node(string id) => Nodes.First(n => n.NodeId == id);
}
