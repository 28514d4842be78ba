namespace TokenFactoryTwin.Abstractions.Topology;

/// <summary>
/// One node on the power path. Its continuous load is limited to <see cref="DeratedKw"/>
/// (the rating times the continuous-load fraction, 80 % by default).
/// </summary>
[GenerateSerializer, Immutable, Alias("tft.PowerNodeSpec")]
public sealed record PowerNodeSpec(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] PowerNodeKind Kind,
    [property: Id(3)] string Side,
    [property: Id(4)] double RatingKw,
    [property: Id(5)] string? Upstream = null,
    [property: Id(6)] double ContinuousLoadFraction = 0.8)
{
    public double DeratedKw => RatingKw * ContinuousLoadFraction;
}
