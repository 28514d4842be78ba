namespace TokenFactoryTwin.Domain.Telemetry.Native;

/// <summary>
/// One sample of <c>POST /api/telemetry</c>: addressed either by twin GPU id (<see cref="Gpu"/>, e.g. <c>h1-01-g3</c>)
/// or by <see cref="Host"/> and the exporter's <see cref="GpuIndex"/>. Energy and token fields are cumulative counters.
/// </summary>
public sealed record NativeSample(
    string? Gpu = null,
    string? Host = null,
    int? GpuIndex = null,
    string? Uuid = null,
    string? Timestamp = null,
    double? PowerW = null,
    double? EnergyMillijoules = null,
    double? UtilizationPercent = null,
    double? TemperatureC = null,
    double? MemoryUsedMiB = null,
    double? PromptTokens = null,
    double? GenerationTokens = null);
