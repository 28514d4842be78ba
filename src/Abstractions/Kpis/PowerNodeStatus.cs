namespace TokenFactoryTwin.Abstractions.Kpis;

/// <summary>
/// A power node's load against its derated rating, now and with its partner side lost. <see cref="LoadAsOf"/> is
/// when the oldest reading in that load was taken (a rack's flush, through every node below this one): how stale the
/// figure is, which <see cref="AsOf"/> — when the node summed it — does not say. Null while no source reports in time.
/// </summary>
[GenerateSerializer, Immutable, Alias("tft.PowerNodeStatus")]
public sealed record PowerNodeStatus(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Kind,
    [property: Id(3)] string Side,
    [property: Id(4)] double RatingKw,
    [property: Id(5)] double DeratedKw,
    [property: Id(6)] double LoadKw,
    [property: Id(7)] double HeadroomKw,
    [property: Id(8)] double LoadIfPartnerLostKw,
    [property: Id(9)] string? Upstream,
    [property: Id(10)] int Sources,
    [property: Id(11)] int StaleSources,
    [property: Id(12)] long Version,
    [property: Id(13)] DateTimeOffset AsOf,
    [property: Id(14)] DateTimeOffset? LoadAsOf = null)
{
    public bool OverDerated => LoadKw > DeratedKw;
    public bool OverIfPartnerLost => LoadIfPartnerLostKw > DeratedKw;

    /// <summary>A node no source has reported to yet: no load, all of its derated rating free.</summary>
    public static PowerNodeStatus Unloaded(Topology.PowerNodeSpec node, DateTimeOffset asOf) => new(
        node.Id, node.Name, node.Kind.ToString(), node.Side, node.RatingKw, node.DeratedKw, LoadKw: 0, HeadroomKw: node.DeratedKw,
        LoadIfPartnerLostKw: 0, node.Upstream, Sources: 0, StaleSources: 0, Version: 0, asOf);
}
