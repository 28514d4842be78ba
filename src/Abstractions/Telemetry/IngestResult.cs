namespace TokenFactoryTwin.Abstractions.Telemetry;

/// <summary>What became of a batch: how many samples were applied, how many were not, and why.</summary>
[GenerateSerializer, Immutable, Alias("tft.IngestResult")]
public sealed record IngestResult(
    [property: Id(0)] int Accepted,
    [property: Id(1)] int Rejected,
    [property: Id(2)] IReadOnlyList<IngestError> Errors)
{
    public static IngestResult Empty { get; } = new(0, 0, []);
}
