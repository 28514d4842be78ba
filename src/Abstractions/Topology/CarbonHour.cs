namespace TokenFactoryTwin.Abstractions.Topology;

/// <summary>One hour of the grid's carbon intensity, from its start.</summary>
[GenerateSerializer, Immutable, Alias("tft.CarbonHour")]
public sealed record CarbonHour(
    [property: Id(0)] DateTimeOffset Hour,
    [property: Id(1)] double GramsPerKwh);
