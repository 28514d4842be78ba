namespace TokenFactoryTwin.Abstractions.Topology;

/// <summary>
/// The grid's carbon intensity at the facility's meter: a constant <see cref="GramsPerKwh"/>, or an hourly series read
/// from <see cref="HourlyCsv"/> (a CSV of <c>hour,gramsPerKwh</c> rows, ISO-8601 UTC hours, next to the facility file)
/// into <see cref="Hourly"/> when the facility file is loaded. Where both are given, the series wins inside its range.
/// </summary>
[GenerateSerializer, Immutable, Alias("tft.CarbonSpec")]
public sealed record CarbonSpec(
    [property: Id(0)] double? GramsPerKwh = null,
    [property: Id(1)] string? HourlyCsv = null,
    [property: Id(2)] IReadOnlyList<CarbonHour>? Hourly = null);
