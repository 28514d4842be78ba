namespace TokenFactoryTwin.Abstractions.Kpis;

/// <summary>The whole facility at a glance, as the live view shows it each second: KPIs, halls, racks, power, links, tenants and models.</summary>
[GenerateSerializer, Immutable, Alias("tft.FacilityOverview")]
public sealed record FacilityOverview(
    [property: Id(0)] TwinKpis Facility,
    [property: Id(1)] IReadOnlyList<TwinKpis> Halls,
    [property: Id(2)] IReadOnlyList<RackSnapshot> Racks,
    [property: Id(3)] IReadOnlyList<PowerNodeStatus> Power,
    [property: Id(4)] IReadOnlyList<NetworkLinkStatus> Links,
    [property: Id(40)] FacilityWorkloads? Workloads = null);
