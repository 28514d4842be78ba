namespace TokenFactoryTwin.Abstractions.Topology;

/// <summary>
/// How busy a simulated rack is over time: <c>constant</c> at <see cref="Level"/>, <c>diurnal</c> between
/// <see cref="Min"/> and <see cref="Max"/> peaking at <see cref="PeakHourUtc"/>, or <c>trace</c>, replaying
/// the token demand of a workload trace from the catalog (<see cref="Trace"/>) scaled to <see cref="Max"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("tft.LoadCurveSpec")]
public sealed record LoadCurveSpec(
    [property: Id(0)] string Kind = LoadCurveKinds.Constant,
    [property: Id(1)] double Level = 0.8,
    [property: Id(2)] double Min = 0.5,
    [property: Id(3)] double Max = 0.95,
    [property: Id(4)] double PeakHourUtc = 15,
    [property: Id(5)] string? Trace = null,
    [property: Id(6)] double Noise = 0.03);
