namespace TokenFactoryTwin.Domain.Performance;

/// <summary>A question for the throughput resolver, as a planner or the API asks it; unset fields take the defaults.</summary>
public sealed record ThroughputRequest(
    string? Model,
    string? Gpu,
    string? Precision = null,
    int? InputTokens = null,
    int? OutputTokens = null,
    bool Mtp = false,
    double? Interactivity = null,
    double? AcceptanceRate = null);
