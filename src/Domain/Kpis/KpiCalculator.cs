using TokenFactoryTwin.Abstractions.Kpis;
using TokenFactoryTwin.Domain.Economics;

namespace TokenFactoryTwin.Domain.Kpis;

/// <summary>Derives the ratio KPIs (per MW, per million tokens, PUE) from additive totals and a cost per hour.</summary>
public static class KpiCalculator
{
    public static TwinKpis Derive(string id, string name, DateTimeOffset asOf, KpiTotals totals, double costPerHourUsd, double fallbackPue, bool stale,
        string powerSource = PowerSources.Model)
    {
        var pue = totals.ItPowerKw > 0 ? totals.FacilityPowerKw / totals.ItPowerKw : fallbackPue;
        return new TwinKpis(
            id,
            name,
            asOf,
            totals.Racks,
            totals.Gpus,
            totals.GpusReporting,
            totals.TokensPerSecond,
            totals.OutputTokensPerSecond,
            totals.ItPowerKw,
            totals.FacilityPowerKw,
            totals.ProvisionedPowerKw,
            pue,
            TokenEconomics.TokensPerSecondPerMegawatt(totals.TokensPerSecond, totals.FacilityPowerKw),
            TokenEconomics.TokensPerSecondPerMegawatt(totals.TokensPerSecond, totals.ProvisionedPowerKw),
            costPerHourUsd,
            TokenEconomics.CostPerMillionTokens(costPerHourUsd, totals.TokensPerSecond),
            totals.StaleRacks,
            totals.VirtualRacks,
            stale,
            powerSource,
            totals.SamplesAsOf);
    }
}
