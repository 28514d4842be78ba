namespace TokenFactoryTwin.Domain.Telemetry.Native;

/// <summary>The properties a native sample may carry.</summary>
public enum NativeField
{
    Unknown,
    Rack,
    Uuids,
    Gpu,
    Host,
    GpuIndex,
    Uuid,
    Timestamp,
    PowerW,
    EnergyMillijoules,
    UtilizationPercent,
    TemperatureC,
    MemoryUsedMiB,
    PromptTokens,
    GenerationTokens,
}
