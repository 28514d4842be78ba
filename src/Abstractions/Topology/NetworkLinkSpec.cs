namespace TokenFactoryTwin.Abstractions.Topology;

/// <summary>A rack's uplink bundle to a spine switch: <see cref="Count"/> ports of <see cref="CapacityGbps"/> each.</summary>
[GenerateSerializer, Immutable, Alias("tft.NetworkLinkSpec")]
public sealed record NetworkLinkSpec(
    [property: Id(0)] string Id,
    [property: Id(1)] string Rack,
    [property: Id(2)] string Spine,
    [property: Id(3)] double CapacityGbps,
    [property: Id(4)] int Count);
