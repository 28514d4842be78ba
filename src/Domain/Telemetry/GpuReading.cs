namespace TokenFactoryTwin.Domain.Telemetry;

/// <summary>
/// One GPU's full set of readings, every metric present: what the rack's own simulator produces. A value type, so
/// a simulated rack writes its 72 GPUs straight into its arrays each period without allocating a sample per GPU.
/// </summary>
public readonly record struct GpuReading(
    double PowerW,
    double EnergyMillijoules,
    double UtilizationPercent,
    double TemperatureC,
    double MemoryUsedMiB,
    double PromptTokens,
    double GenerationTokens);
