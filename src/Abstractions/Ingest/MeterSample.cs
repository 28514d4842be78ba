namespace TokenFactoryTwin.Abstractions.Ingest;

/// <summary>
/// One meter value for a twin target: <c>powerKw</c> (a gauge), <c>inOctets</c>/<c>outOctets</c> (a switch port's
/// counters, by <see cref="Port"/>) or <c>up</c> (1 or 0).
/// </summary>
[GenerateSerializer, Immutable, Alias("tft.MeterSample")]
public sealed record MeterSample(
    [property: Id(0)] string Kind,
    [property: Id(1)] string? Port,
    [property: Id(2)] DateTimeOffset Timestamp,
    [property: Id(3)] double Value);
