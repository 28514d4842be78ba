using System.Text.Json.Serialization;

namespace TokenFactoryTwin.Gateway.Ingest;

/// <summary>
/// The answer to a telemetry write: how many samples were applied and refused, and why. <see cref="Ignored"/>
/// counts series of names the twin does not map (not an error), for formats that carry such series;
/// <see cref="LabelsDropped"/> workload labels refused for their length (the readings still apply).
/// </summary>
public sealed record IngestReply(
    int Accepted,
    int Rejected,
    IReadOnlyList<IngestProblem> Errors,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Ignored = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? LabelsDropped = null)
{
    public const int MaxErrors = 200;
}
