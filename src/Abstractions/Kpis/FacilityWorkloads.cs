namespace TokenFactoryTwin.Abstractions.Kpis;

/// <summary>Tokens, power and cost per tenant and per model, facility-wide and per hall, as of the facility's last flush.</summary>
[GenerateSerializer, Immutable, Alias("tft.FacilityWorkloads")]
public sealed record FacilityWorkloads(
    [property: Id(0)] DateTimeOffset AsOf,
    [property: Id(1)] WorkloadBreakdown Facility,
    [property: Id(2)] IReadOnlyList<WorkloadBreakdown> Halls);
