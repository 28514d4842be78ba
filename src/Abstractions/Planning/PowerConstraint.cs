namespace TokenFactoryTwin.Abstractions.Planning;

/// <summary>
/// A power node in the projected scenario: its load against its derated rating now, and with its partner side
/// lost (every dual-corded rack then draws its whole load through this side: the N+1 check).
/// </summary>
[GenerateSerializer, Immutable, Alias("tft.PowerConstraint")]
public sealed record PowerConstraint(
    [property: Id(0)] string Node,
    [property: Id(1)] string Name,
    [property: Id(2)] string Kind,
    [property: Id(3)] string Side,
    [property: Id(4)] string? Upstream,
    [property: Id(5)] double RatingKw,
    [property: Id(6)] double DeratedKw,
    [property: Id(7)] double LoadKw,
    [property: Id(8)] double LoadIfPartnerLostKw,
    [property: Id(9)] double HeadroomKw,
    [property: Id(10)] double HeadroomIfPartnerLostKw,
    [property: Id(11)] bool Failed,
    [property: Id(12)] bool Ok);
