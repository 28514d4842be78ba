namespace TokenFactoryTwin.Abstractions.Topology;

/// <summary>The declarative description of one site: its halls, power path, racks, network, cost model and grid carbon intensity.</summary>
[GenerateSerializer, Immutable, Alias("tft.FacilitySpec")]
public sealed record FacilitySpec(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] IReadOnlyList<HallSpec> Halls,
    [property: Id(3)] IReadOnlyList<PowerNodeSpec> PowerNodes,
    [property: Id(4)] IReadOnlyList<RackSpec> Racks,
    [property: Id(5)] IReadOnlyList<SpineSwitchSpec> Spines,
    [property: Id(6)] IReadOnlyList<NetworkLinkSpec> Links,
    [property: Id(7)] CostModelSpec CostModel,
    [property: Id(8)] CarbonSpec? Carbon = null);
