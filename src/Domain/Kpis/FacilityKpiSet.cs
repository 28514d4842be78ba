using TokenFactoryTwin.Abstractions.Kpis;

namespace TokenFactoryTwin.Domain.Kpis;

/// <summary>The facility's KPIs and each hall's, derived together (a hall's share of opex depends on the facility's total).</summary>
public sealed record FacilityKpiSet(TwinKpis Facility, IReadOnlyList<TwinKpis> Halls);
