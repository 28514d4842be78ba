namespace TokenFactoryTwin.Abstractions.Kpis;

/// <summary>
/// One GPU's latest readings, as its rack holds them. Of a power cap: the limit the GPU enforces and its clocks-event
/// reasons (as the bitmask and as words) where its exporter reports them, the cap the twin recommends while a flex
/// event caps its rack, whether a cap binds now, and whether the enforced limit misses the recommended cap.
/// </summary>
[GenerateSerializer, Immutable, Alias("tft.GpuStatus")]
public sealed record GpuStatus(
    [property: Id(0)] string Id,
    [property: Id(1)] string Rack,
    [property: Id(2)] int Index,
    [property: Id(3)] string? Uuid,
    [property: Id(4)] double? PowerW,
    [property: Id(5)] double? Utilization,
    [property: Id(6)] double? TemperatureC,
    [property: Id(7)] double? MemoryUsedMiB,
    [property: Id(8)] double TokensPerSecond,
    [property: Id(9)] double OutputTokensPerSecond,
    [property: Id(10)] DateTimeOffset? LastSampleAt,
    [property: Id(11)] bool Stale,
    [property: Id(20)] double? EnforcedPowerLimitW = null,
    [property: Id(21)] long? ClocksEventReasons = null,
    [property: Id(22)] IReadOnlyList<string>? ThrottleReasons = null,
    [property: Id(23)] double? RecommendedCapW = null,
    [property: Id(24)] bool CapBinding = false,
    [property: Id(25)] bool CapNotApplied = false);
