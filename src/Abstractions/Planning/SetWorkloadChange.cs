namespace TokenFactoryTwin.Abstractions.Planning;

/// <summary>
/// Moves racks (the listed <see cref="Racks"/>, or every rack of <see cref="Hall"/>) to another model or operating
/// point: a named published point, or a service described by interactivity, precision, tokens per request and MTP
/// (a matching published curve, else the throughput model). Existing racks keep their measured load level: their
/// tokens/s scale by the ratio of the operating points.
/// </summary>
[GenerateSerializer, Immutable, Alias("tft.SetWorkloadChange")]
public sealed record SetWorkloadChange(
    [property: Id(0)] string Model,
    [property: Id(1)] IReadOnlyList<string>? Racks = null,
    [property: Id(2)] string? Hall = null,
    [property: Id(3)] double? Interactivity = null,
    [property: Id(4)] string? OperatingPoint = null,
    [property: Id(5)] string? Precision = null,
    [property: Id(6)] int? InputTokens = null,
    [property: Id(7)] int? OutputTokens = null,
    [property: Id(8)] bool? Mtp = null) : ScenarioChange;
