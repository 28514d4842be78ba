using TokenFactoryTwin.Abstractions.Kpis;
using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Domain.Kpis;

namespace TokenFactoryTwin.Domain.Workloads;

/// <summary>
/// The facility's tenant and model lines from its halls' snapshots: each hall's lines priced with the hall's cost
/// (<see cref="WorkloadPricing"/>), then added up by name for the facility. The hall KPIs are the ones derived in the
/// same flush, so every figure here adds up to a hall's or the sum of the halls'.
/// </summary>
public static class FacilityWorkloadCalculator
{
    public static FacilityWorkloads Compute(DateTimeOffset now, IReadOnlyList<HallReading> halls, FacilityKpiSet kpis, CostModelSpec cost)
    {
        var perHall = halls.Select(h =>
        {
            // A hall added since the KPIs were derived has no KPIs yet, and no lines priced.
            if (kpis.Halls.FirstOrDefault(k => k.Id == h.Spec.Id) is not { } hallKpis)
            {
                return new WorkloadBreakdown(h.Spec.Id, [], []);
            }

            return new WorkloadBreakdown(h.Spec.Id,
                WorkloadPricing.Price(h.Snapshot?.Tenants ?? [], hallKpis, cost),
                WorkloadPricing.Price(h.Snapshot?.Models ?? [], hallKpis, cost));
        }).ToList();
        var facility = new WorkloadBreakdown(kpis.Facility.Id,
            WorkloadPricing.Combine(perHall.Select(h => h.Tenants)),
            WorkloadPricing.Combine(perHall.Select(h => h.Models)));
        return new FacilityWorkloads(now, facility, perHall);
    }
}
