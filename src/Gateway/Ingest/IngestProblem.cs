using System.Text.Json.Serialization;

namespace TokenFactoryTwin.Gateway.Ingest;

/// <summary>
/// Why part of a write was not applied: <see cref="Index"/> into a native batch, or the <see cref="Line"/> of a
/// Prometheus body, or the <see cref="Host"/> and exporter <see cref="Gpu"/> a reading came from. Fields that do
/// not apply are left out of the JSON.
/// </summary>
public sealed record IngestProblem(
    string Reason,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Index = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Line = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Host = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Gpu = null);
