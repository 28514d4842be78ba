namespace TokenFactoryTwin.Abstractions.Kpis;

/// <summary>A hall's totals, pushed to the facility as its racks report (coalesced) and once a period; newest version wins.</summary>
[GenerateSerializer, Immutable, Alias("tft.HallSnapshot")]
public sealed record HallSnapshot(
    [property: Id(0)] string HallId,
    [property: Id(1)] long Version,
    [property: Id(2)] DateTimeOffset AsOf,
    [property: Id(3)] double Pue,
    [property: Id(4)] KpiTotals Totals,
    [property: Id(40)] IReadOnlyList<WorkloadLine>? Tenants = null,
    [property: Id(41)] IReadOnlyList<WorkloadLine>? Models = null);
