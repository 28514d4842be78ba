namespace TokenFactoryTwin.Gateway.Ingest;

/// <summary>
/// Why part of a write was not applied: <see cref="Index"/> into a native batch, or the <see cref="Line"/> of a
/// Prometheus body, or the <see cref="Host"/> and exporter <see cref="Gpu"/> a reading came from.
/// </summary>
public sealed record IngestProblem(string Reason, int? Index = null, int? Line = null, string? Host = null, int? Gpu = null);
