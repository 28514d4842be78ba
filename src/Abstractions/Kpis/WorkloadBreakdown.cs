namespace TokenFactoryTwin.Abstractions.Kpis;

/// <summary>A scope's (the facility's or one hall's) figures per tenant and per served model.</summary>
[GenerateSerializer, Immutable, Alias("tft.WorkloadBreakdown")]
public sealed record WorkloadBreakdown(
    [property: Id(0)] string Scope,
    [property: Id(1)] IReadOnlyList<WorkloadKpis> Tenants,
    [property: Id(2)] IReadOnlyList<WorkloadKpis> Models);
