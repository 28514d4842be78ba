namespace TokenFactoryTwin.Abstractions.Topology;

/// <summary>
/// What a rack serves: a model from the catalog and the operating point it runs at. Either name a published
/// point or curve (<see cref="OperatingPoint"/>), or give the <see cref="Interactivity"/> (tokens/s per user)
/// and let the catalog's curve for this model and GPU be interpolated.
/// </summary>
[GenerateSerializer, Immutable, Alias("tft.WorkloadSpec")]
public sealed record WorkloadSpec(
    [property: Id(0)] string Model,
    [property: Id(1)] string? OperatingPoint = null,
    [property: Id(2)] double? Interactivity = null);
