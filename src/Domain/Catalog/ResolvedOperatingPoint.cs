namespace TokenFactoryTwin.Domain.Catalog;

/// <summary>The throughput a workload runs at on one GPU type, and where that figure comes from.</summary>
public sealed record ResolvedOperatingPoint(double TokensPerGpuPerSecond, double OutputShare, string Source);
