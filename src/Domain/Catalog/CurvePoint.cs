namespace TokenFactoryTwin.Domain.Catalog;

/// <summary>A measured point: throughput per GPU (input + output tokens/s) at an interactivity (tokens/s per user).</summary>
public sealed record CurvePoint(double Interactivity, double TokensPerGpuPerSecond);
