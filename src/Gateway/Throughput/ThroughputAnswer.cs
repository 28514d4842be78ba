using TokenFactoryTwin.Domain.Performance;

namespace TokenFactoryTwin.Gateway.Throughput;

/// <summary>
/// <c>GET /api/throughput</c> with an interactivity: one operating point, where it comes from, and what it costs at
/// the price tier. <see cref="TokensPerGpuPerSecond"/> counts input + output tokens, as InferenceX does.
/// </summary>
public sealed record ThroughputAnswer(
    string Model,
    string Gpu,
    string Precision,
    int Isl,
    int Osl,
    bool Mtp,
    double Interactivity,
    double TokensPerGpuPerSecond,
    double OutputTokensPerGpuPerSecond,
    double? TtftMs,
    double? TpotMs,
    int? MaxBatch,
    string? Bound,
    ThroughputConfiguration? Configuration,
    string Source,
    string Reference,
    string PriceTier,
    double UsdPerGpuHour,
    double? CostPerMillionTokensUsd,
    double TokensPerSecondPerMegawatt,
    double? JoulesPerToken);
