namespace TokenFactoryTwin.Domain.Performance;

/// <summary>
/// One operating point: tokens/s per GPU (input + output) at an interactivity (tokens/s per user), where it comes from
/// (<see cref="Source"/>: published or modelled) and, when modelled, the configuration and the step's binding term.
/// </summary>
public sealed record ThroughputPoint(
    double Interactivity,
    double TokensPerGpuPerSecond,
    double OutputTokensPerGpuPerSecond,
    double? TtftMs,
    double? TpotMs,
    int? MaxBatch,
    string? Bound,
    ThroughputConfiguration? Configuration,
    string Source,
    string Reference);
