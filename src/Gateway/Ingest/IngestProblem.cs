using System.Text.Json.Serialization;

namespace TokenFactoryTwin.Gateway.Ingest;

/// <summary>
/// Why part of a write was not applied: <see cref="Index"/> into a native batch's <c>samples</c> (or of an entry
/// of its <c>racks</c> / <c>hosts</c> that could not be read), or the <see cref="Line"/> of a Prometheus body, or
/// the <see cref="Rack"/> or <see cref="Host"/> and the <see cref="Gpu"/> (slot, or exporter index) a reading came
/// from. Fields that do not apply are left out of the JSON.
/// </summary>
public sealed record IngestProblem(
    string Reason,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Index = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Line = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Host = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Gpu = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Rack = null);
