using TokenFactoryTwin.Abstractions.Kpis;
using TokenFactoryTwin.Abstractions.Planning;

namespace TokenFactoryTwin.Domain.Planning;

/// <summary>A scenario model measured: facility and hall KPIs, constraints, violations.</summary>
public sealed record PlanMeasurement(
    TwinKpis Facility,
    IReadOnlyList<TwinKpis> Halls,
    ScenarioConstraints Constraints,
    IReadOnlyList<string> Violations,
    KpiTotals FacilityTotals);
