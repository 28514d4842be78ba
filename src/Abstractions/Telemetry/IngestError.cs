namespace TokenFactoryTwin.Abstractions.Telemetry;

/// <summary>Why the sample at <see cref="Index"/> of a batch was rejected.</summary>
[GenerateSerializer, Immutable, Alias("tft.IngestError")]
public sealed record IngestError(
    [property: Id(0)] int Index,
    [property: Id(1)] string Reason);
