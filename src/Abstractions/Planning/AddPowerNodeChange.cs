using TokenFactoryTwin.Abstractions.Topology;

namespace TokenFactoryTwin.Abstractions.Planning;

/// <summary>Adds power capacity: a new node (typically a busway or PDU) under an existing upstream node.</summary>
[GenerateSerializer, Immutable, Alias("tft.AddPowerNodeChange")]
public sealed record AddPowerNodeChange(
    [property: Id(0)] string Id,
    [property: Id(1)] PowerNodeKind NodeKind,
    [property: Id(2)] string Side,
    [property: Id(3)] double RatingKw,
    [property: Id(4)] string? Upstream = null,
    [property: Id(5)] string? Name = null,
    [property: Id(6)] double ContinuousLoadFraction = 0.8) : ScenarioChange;
