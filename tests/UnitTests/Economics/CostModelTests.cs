using TokenFactoryTwin.Abstractions.Kpis;
using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Domain.Catalog;
using TokenFactoryTwin.Domain.Economics;
using TokenFactoryTwin.Domain.Kpis;

namespace TokenFactoryTwin.UnitTests.Economics;

public sealed class CostModelTests
{
    private static readonly TwinCatalog Catalog = CatalogLoader.BuiltIn;

    private static KpiTotals Totals(double tokensPerSecond, double facilityKw) => new(
        Racks: 3, Gpus: 2 * 32 + 72, GpusReporting: 2 * 32 + 72, StaleRacks: 0, VirtualRacks: 0,
        TokensPerSecond: tokensPerSecond, OutputTokensPerSecond: tokensPerSecond / 2, ItPowerKw: facilityKw / 1.2,
        FacilityPowerKw: facilityKw, ProvisionedPowerKw: 2 * 32 * 1.73 + 72 * 2.1,
        GpusByType: new Dictionary<string, int> { ["h200"] = 64, ["gb300"] = 72 },
        RacksByType: new Dictionary<string, int> { ["hgx-h200-4x"] = 2, ["gb300-nvl72"] = 1 });

    [Fact]
    public void A_price_tier_charges_every_gpu_its_gpu_hour_price()
    {
        var model = new CostModel(new CostModelSpec(CostModelKinds.PriceTier, "neocloud"), Catalog);

        Assert.Equal(64 * 1.74 + 72 * 3.3, model.CostPerHourUsd(Totals(100_000, 300)), 9);
    }

    [Fact]
    public void Idle_gpus_still_cost_money_under_a_price_tier()
    {
        var model = new CostModel(new CostModelSpec(), Catalog);

        Assert.Equal(model.CostPerHourUsd(Totals(100_000, 300)), model.CostPerHourUsd(Totals(0, 300)));
    }

    [Fact]
    public void An_owner_tco_amortises_capex_and_charges_energy_on_measured_facility_power_and_opex()
    {
        var spec = new CostModelSpec(CostModelKinds.Tco,
            CapexUsdPerRack: new Dictionary<string, double> { ["hgx-h200-4x"] = 1_300_000, ["gb300-nvl72"] = 3_900_000 },
            LifeYears: 5, EnergyUsdPerMWh: 90, OpexUsdPerYear: 876_000);
        var model = new CostModel(spec, Catalog);

        var capex = (2 * 1_300_000 + 3_900_000) / (5 * 8760.0);
        var energy = 90 * 0.3; // 300 kW of facility power for an hour is 0.3 MWh
        var opex = 876_000 / 8760.0;
        Assert.Equal(capex + energy + opex, model.CostPerHourUsd(Totals(100_000, 300)), 9);
        Assert.Equal(capex + energy + opex / 2, model.CostPerHourUsd(Totals(100_000, 300), opexShare: 0.5), 9);
    }

    [Fact]
    public void Cost_per_million_tokens_is_cost_per_hour_over_tokens_per_hour()
    {
        var kpis = KpiCalculator.Derive("f", "F", DateTimeOffset.UnixEpoch, Totals(50_000, 300), costPerHourUsd: 360, fallbackPue: 1.2, stale: false);

        Assert.Equal(360 / (50_000 * 3600.0) * 1e6, kpis.CostPerMillionTokensUsd!.Value, 12);
        Assert.Equal(50_000 * 1000 / 300.0, kpis.TokensPerSecondPerMegawatt, 9);
        Assert.Equal(50_000 * 1000 / (64 * 1.73 + 72 * 2.1), kpis.TokensPerSecondPerProvisionedMegawatt, 9);
        Assert.Equal(1.2, kpis.Pue, 12);
    }

    [Fact]
    public void Cost_per_million_tokens_is_absent_when_nothing_is_produced()
    {
        var kpis = KpiCalculator.Derive("f", "F", DateTimeOffset.UnixEpoch, Totals(0, 300), costPerHourUsd: 360, fallbackPue: 1.2, stale: false);

        Assert.Null(kpis.CostPerMillionTokensUsd);
        Assert.Equal(0, kpis.TokensPerSecondPerMegawatt);
    }
}
