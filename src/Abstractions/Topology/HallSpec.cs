namespace TokenFactoryTwin.Abstractions.Topology;

/// <summary>A hall (data hall or pod) of the facility: its cooling, its PUE and, where known, its cooling capacity.</summary>
[GenerateSerializer, Immutable, Alias("tft.HallSpec")]
public sealed record HallSpec(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Cooling,
    [property: Id(3)] double Pue,
    [property: Id(4)] double? CoolingCapacityKw = null);
