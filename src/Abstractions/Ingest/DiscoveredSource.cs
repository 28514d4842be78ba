namespace TokenFactoryTwin.Abstractions.Ingest;

/// <summary>
/// A host or GPU that sent telemetry the twin could not place, for an operator to register: what it is
/// (<c>host</c> or <c>gpu</c>), why it was refused, and when it was last seen.
/// </summary>
[GenerateSerializer, Immutable, Alias("tft.DiscoveredSource")]
public sealed record DiscoveredSource(
    [property: Id(0)] string Kind,
    [property: Id(1)] string Host,
    [property: Id(2)] int? GpuIndex,
    [property: Id(3)] string? Uuid,
    [property: Id(4)] string Reason,
    [property: Id(5)] DateTimeOffset LastSeen,
    [property: Id(6)] int GpusSeen = 0);
