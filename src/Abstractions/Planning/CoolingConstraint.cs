namespace TokenFactoryTwin.Abstractions.Planning;

/// <summary>A hall's heat load (its IT power) against its cooling capacity, where the facility states one.</summary>
[GenerateSerializer, Immutable, Alias("tft.CoolingConstraint")]
public sealed record CoolingConstraint(
    [property: Id(0)] string Hall,
    [property: Id(1)] double LoadKw,
    [property: Id(2)] double? CapacityKw,
    [property: Id(3)] bool Ok);
