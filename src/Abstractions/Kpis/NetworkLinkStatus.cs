namespace TokenFactoryTwin.Abstractions.Kpis;

/// <summary>A rack uplink bundle: its traffic against its capacity, and whether it is up.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("tft.NetworkLinkStatus")]
public sealed record NetworkLinkStatus(
    [property: Id(0)] string Id,
    [property: Id(1)] string Rack,
    [property: Id(2)] string Spine,
    [property: Id(3)] double CapacityGbps,
    [property: Id(4)] int Count,
    [property: Id(5)] double TrafficGbps,
    [property: Id(6)] double Utilization,
    [property: Id(7)] bool Up,
    [property: Id(8)] bool Stale);
