namespace TokenFactoryTwin.Abstractions.Kpis;

/// <summary>
/// One hall's racks' cord loads on one power node, sent by the hall once per period. It is complete: a rack the
/// hall held on this node before and that is missing now no longer feeds the node (it was removed, or its cord moved
/// to another node). Each load keeps its rack's snapshot version, so the node still keeps the newest per rack and
/// sees a rack go silent; the newest batch <see cref="Version"/> per hall wins.
/// </summary>
[GenerateSerializer, Immutable, Alias("tft.RackLoadBatch")]
public sealed record RackLoadBatch(
    [property: Id(0)] string HallId,
    [property: Id(1)] long Version,
    [property: Id(2)] IReadOnlyList<PowerLoadReport> Loads);
