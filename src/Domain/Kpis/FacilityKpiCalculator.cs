using TokenFactoryTwin.Abstractions.Kpis;
using TokenFactoryTwin.Domain.Economics;

namespace TokenFactoryTwin.Domain.Kpis;

/// <summary>
/// The facility's KPIs from its halls' snapshots: the halls' totals summed, each hall priced with its share of the
/// yearly opex (by provisioned power), and a fresh facility meter, where one reports, standing for the measured
/// facility power — PUE is then measured, not assumed. A hall with no snapshot counts as zero and makes the facility
/// stale, as does any stale hall.
/// </summary>
public static class FacilityKpiCalculator
{
    /// <summary>How long a facility meter's reading stands for the facility's power: meters are scraped every 15–60 s.</summary>
    public static readonly TimeSpan MeterFreshFor = TimeSpan.FromMinutes(2);

    public static FacilityKpiSet Compute(
        string facilityId, string name, DateTimeOffset now, IReadOnlyList<HallReading> halls, CostModel cost, MeterReading? meter)
    {
        var facilityTotals = KpiTotalsMath.Sum(halls.Select(h => h.Snapshot?.Totals ?? KpiTotals.Zero));
        var hallKpis = halls.Select(h =>
        {
            var totals = h.Snapshot?.Totals ?? KpiTotals.Zero;
            var opexShare = facilityTotals.ProvisionedPowerKw > 0 ? totals.ProvisionedPowerKw / facilityTotals.ProvisionedPowerKw : 0;
            return KpiCalculator.Derive(h.Spec.Id, h.Spec.Name, h.Snapshot?.AsOf ?? now, totals, cost.CostPerHourUsd(totals, opexShare), h.Spec.Pue, h.Stale);
        }).ToList();
        var facilityPue = halls.Count > 0 ? halls.Average(h => h.Spec.Pue) : 1;
        var source = PowerSources.Model;
        if (meter is not null && now - meter.At <= MeterFreshFor)
        {
            facilityTotals = facilityTotals with { FacilityPowerKw = meter.PowerKw };
            source = PowerSources.Meter;
        }

        var facility = KpiCalculator.Derive(facilityId, name, now, facilityTotals, cost.CostPerHourUsd(facilityTotals), facilityPue,
            halls.Count == 0 || halls.Any(h => h.Stale), source);
        return new FacilityKpiSet(facility, hallKpis);
    }
}
