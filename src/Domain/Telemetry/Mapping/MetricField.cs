namespace TokenFactoryTwin.Domain.Telemetry.Mapping;

/// <summary>The GPU readings the twin understands, whatever an exporter calls them.</summary>
public enum MetricField
{
    PowerW,
    EnergyMillijoules,
    UtilizationPercent,
    TemperatureC,
    MemoryUsedMiB,
    PromptTokens,
    GenerationTokens,
}
