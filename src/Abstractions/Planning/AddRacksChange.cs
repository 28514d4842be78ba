using TokenFactoryTwin.Abstractions.Topology;

namespace TokenFactoryTwin.Abstractions.Planning;

/// <summary>
/// Adds <see cref="Count"/> planned racks of a catalog rack type to a hall, corded to <see cref="PowerA"/> and
/// <see cref="PowerB"/>. They stand in <see cref="Row"/> after the racks already there (a new row when none is
/// given) and uplink to <see cref="Spine"/> (the spine with the most free ports when none is given). Their figures
/// come from the catalog at <see cref="LoadLevel"/> of their workload's operating point (full load by default).
/// </summary>
[GenerateSerializer, Immutable, Alias("tft.AddRacksChange")]
public sealed record AddRacksChange(
    [property: Id(0)] string RackType,
    [property: Id(1)] int Count,
    [property: Id(2)] string Hall,
    [property: Id(3)] string PowerA,
    [property: Id(4)] string? PowerB = null,
    [property: Id(5)] int? Row = null,
    [property: Id(6)] WorkloadSpec? Workload = null,
    [property: Id(7)] double LoadLevel = 1.0,
    [property: Id(8)] string? Spine = null) : ScenarioChange;
