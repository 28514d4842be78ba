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

    /// <summary>Requests an inference server is decoding now (a gauge): with its output tokens/s, the interactivity users see.</summary>
    RunningRequests,
}
