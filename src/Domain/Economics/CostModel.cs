using TokenFactoryTwin.Abstractions.Kpis;
using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Domain.Catalog;

namespace TokenFactoryTwin.Domain.Economics;

/// <summary>
/// Cost per hour of a set of racks under the facility's cost model. A price tier charges every GPU its GPU-hour
/// price, reporting or not; an owner's TCO charges amortised capex per rack, energy on measured facility power
/// and a share of the yearly opex. Idle GPUs still cost money: that is the point of cost per token.
/// </summary>
public sealed class CostModel(CostModelSpec spec, TwinCatalog catalog)
{
    public CostModelSpec Spec { get; } = spec;

    /// <param name="totals">The racks being priced.</param>
    /// <param name="opexShare">The share of the facility's yearly opex these racks carry (1 for the whole facility).</param>
    public double CostPerHourUsd(KpiTotals totals, double opexShare = 1)
    {
        if (Spec.Kind == CostModelKinds.Tco)
        {
            var capexPerHour = 0.0;
            foreach (var (rackType, count) in totals.RacksByType)
            {
                var capex = Spec.CapexUsdPerRack?.GetValueOrDefault(rackType) ?? 0;
                capexPerHour += count * capex / (Spec.LifeYears * TokenEconomics.HoursPerYear);
            }

            var energyPerHour = Spec.EnergyUsdPerMWh * totals.FacilityPowerKw / 1000;
            var opexPerHour = Spec.OpexUsdPerYear * opexShare / TokenEconomics.HoursPerYear;
            return capexPerHour + energyPerHour + opexPerHour;
        }

        var perHour = 0.0;
        foreach (var (gpu, count) in totals.GpusByType)
        {
            var spec = catalog.FindGpu(gpu);
            if (spec is not null && spec.UsdPerGpuHour.TryGetValue(Spec.PriceTier, out var price))
            {
                perHour += count * price;
            }
        }

        return perHour;
    }
}
