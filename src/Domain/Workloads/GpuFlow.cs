namespace TokenFactoryTwin.Domain.Workloads;

/// <summary>One GPU's measured flows now: whether it reports, its tokens/s (all, and output) and its power.</summary>
public readonly record struct GpuFlow(bool Fresh, double TokensPerSecond, double OutputTokensPerSecond, double PowerW);
