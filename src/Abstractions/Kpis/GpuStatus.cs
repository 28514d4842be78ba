namespace TokenFactoryTwin.Abstractions.Kpis;

/// <summary>One GPU's latest readings, as its rack holds them.</summary>
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
    [property: Id(11)] bool Stale);
