namespace TokenFactoryTwin.Domain.Telemetry;

/// <summary>
/// A rack's measured figures over its reporting GPUs; <see cref="OldestSampleMs"/> is the time (Unix ms) of the
/// oldest of their newest samples, the age of what the figures include.
/// </summary>
public readonly record struct RackTotals(
    int GpusReporting,
    double TokensPerSecond,
    double OutputTokensPerSecond,
    double GpuPowerKw,
    double ItPowerKw,
    double Utilization,
    double MaxTemperatureC,
    long? OldestSampleMs = null);
