namespace TokenFactoryTwin.Abstractions.Kpis;

/// <summary>
/// The load one source (a rack cord or a downstream node) puts on a power node now, and the load it would put
/// on it if the partner side were lost. A versioned snapshot: the node keeps the newest per source. <see cref="AsOf"/>
/// is when the readings behind the load were taken: a rack's flush for a rack cord, the oldest reading in a
/// downstream node's load for a node. <see cref="Height"/> is 0 for a rack cord and the sending node's height (1 when
/// fed by racks only) for a node: a node flushes one step after its highest source.
/// </summary>
[GenerateSerializer, Immutable, Alias("tft.PowerLoadReport")]
public sealed record PowerLoadReport(
    [property: Id(0)] string SourceId,
    [property: Id(1)] long Version,
    [property: Id(2)] DateTimeOffset AsOf,
    [property: Id(3)] double LoadKw,
    [property: Id(4)] double LoadIfPartnerLostKw,
    [property: Id(5)] int Height = 0);
