namespace TokenFactoryTwin.Abstractions.Ingest;

/// <summary>What a target's meters last said: metered power, and for a link its measured traffic and port states.</summary>
[GenerateSerializer, Immutable, Alias("tft.MeterStatus")]
public sealed record MeterStatus(
    [property: Id(0)] string Target,
    [property: Id(1)] double? PowerKw,
    [property: Id(2)] double InGbps,
    [property: Id(3)] double OutGbps,
    [property: Id(4)] int PortsUp,
    [property: Id(5)] int PortsDown,
    [property: Id(6)] DateTimeOffset? AsOf);
