namespace TokenFactoryTwin.Domain.Economics;

/// <summary>The planner's calculator answer for one GPU at one throughput and price tier (InferenceX's convention).</summary>
public sealed record GpuEconomics(
    string Gpu,
    string PriceTier,
    double TokensPerGpuPerSecond,
    double UsdPerGpuHour,
    double AllInKwPerGpu,
    double TokensPerSecondPerMegawatt,
    double? CostPerMillionTokensUsd,
    double? JoulesPerToken);
