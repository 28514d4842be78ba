namespace TokenFactoryTwin.Domain.Telemetry;

/// <summary>A rack's measured figures over its reporting GPUs.</summary>
public readonly record struct RackTotals(
    int GpusReporting,
    double TokensPerSecond,
    double OutputTokensPerSecond,
    double GpuPowerKw,
    double ItPowerKw,
    double Utilization,
    double MaxTemperatureC);
