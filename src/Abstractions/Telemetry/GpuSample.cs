namespace TokenFactoryTwin.Abstractions.Telemetry;

/// <summary>
/// One GPU's readings at one instant, addressed by its slot in the rack. Every metric is optional.
/// <see cref="EnergyMillijoules"/>, <see cref="PromptTokens"/> and <see cref="GenerationTokens"/> are
/// cumulative counters: rates come from their increase, Prometheus-style, never from averaging.
/// </summary>
[GenerateSerializer, Immutable, Alias("tft.GpuSample")]
public sealed record GpuSample(
    [property: Id(0)] int GpuIndex,
    [property: Id(1)] DateTimeOffset Timestamp,
    [property: Id(2)] double? PowerW = null,
    [property: Id(3)] double? EnergyMillijoules = null,
    [property: Id(4)] double? UtilizationPercent = null,
    [property: Id(5)] double? TemperatureC = null,
    [property: Id(6)] double? MemoryUsedMiB = null,
    [property: Id(7)] double? PromptTokens = null,
    [property: Id(8)] double? GenerationTokens = null,
    [property: Id(9)] string? Uuid = null,
    [property: Id(10)] double? EnforcedPowerLimitW = null,
    [property: Id(11)] double? ClocksEventReasons = null);
