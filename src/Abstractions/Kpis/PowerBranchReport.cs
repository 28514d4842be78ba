namespace TokenFactoryTwin.Abstractions.Kpis;

/// <summary>
/// What a power node sends its upstream node once a period: the load it puts on it, and the statuses of its whole
/// branch (itself and every node below it). The statuses ride the tree to its root, which hands them to the facility
/// in one message, so the facility hears once a period per power tree rather than once per node.
/// </summary>
[GenerateSerializer, Immutable, Alias("tft.PowerBranchReport")]
public sealed record PowerBranchReport(
    [property: Id(0)] PowerLoadReport Load,
    [property: Id(1)] IReadOnlyList<PowerNodeStatus> Statuses);
