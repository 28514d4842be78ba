namespace TokenFactoryTwin.Domain.Performance;

/// <summary>
/// What one GPU family achieves of its datasheet: the share of HBM bandwidth and of dense tensor throughput that real
/// kernels reach, and a fixed time per layer per step (launches, norms, routing, synchronisation) that no roofline sees.
/// </summary>
public sealed record FamilyEfficiency(double MemoryEfficiency, double ComputeEfficiency, double LayerLatencyUs);
