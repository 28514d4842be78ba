namespace TokenFactoryTwin.Domain.Performance;

/// <summary>What a curve or a point is asked for: a model on a GPU at a precision plan, for a workload, with or without speculative decoding.</summary>
public sealed record ThroughputQuery(
    ModelProfile Model,
    HardwareProfile Gpu,
    PrecisionPlan Precision,
    ServingWorkload Workload,
    bool Speculative,
    bool? Disaggregated = null);
