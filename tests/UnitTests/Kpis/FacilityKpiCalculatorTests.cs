using TokenFactoryTwin.Abstractions.Kpis;
using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Domain.Catalog;
using TokenFactoryTwin.Domain.Economics;
using TokenFactoryTwin.Domain.Kpis;

namespace TokenFactoryTwin.UnitTests.Kpis;

/// <summary>The facility's KPIs are its halls' totals summed, each hall priced with its share, a fresh meter standing for the power.</summary>
public sealed class FacilityKpiCalculatorTests
{
    private static readonly TwinCatalog Catalog = CatalogLoader.BuiltIn;
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly HallSpec Air = new("hall-1", "Hall 1", CoolingKinds.Air, 1.4);
    private static readonly HallSpec Liquid = new("hall-2", "Hall 2", CoolingKinds.Liquid, 1.1);

    private static readonly CostModel Tco = new(new CostModelSpec(CostModelKinds.Tco,
        CapexUsdPerRack: new Dictionary<string, double> { ["hgx-h200-4x"] = 1_300_000, ["gb300-nvl72"] = 3_900_000 },
        EnergyUsdPerMWh: 80, OpexUsdPerYear: 2_000_000), Catalog);

    private static HallSnapshot Snapshot(HallSpec hall, double tokensPerSecond, double itKw, double provisionedKw, string rackType, string gpu, int gpus) =>
        new(hall.Id, 1, Now.AddMilliseconds(-250), hall.Pue, new KpiTotals(
            Racks: 1, Gpus: gpus, GpusReporting: gpus, StaleRacks: 0, VirtualRacks: 0, tokensPerSecond, tokensPerSecond / 4, itKw,
            FacilityPowerKw: itKw * hall.Pue, provisionedKw,
            new Dictionary<string, int> { [gpu] = gpus }, new Dictionary<string, int> { [rackType] = 1 }));

    private static readonly HallSnapshot H200 = Snapshot(Air, 40_000, 40, 60, "hgx-h200-4x", "h200", 32);
    private static readonly HallSnapshot Gb300 = Snapshot(Liquid, 500_000, 120, 150, "gb300-nvl72", "gb300", 72);

    private static FacilityKpiSet Compute(IReadOnlyList<HallReading> halls, MeterReading? meter = null) =>
        FacilityKpiCalculator.Compute("site", "Site", Now, halls, Tco, meter);

    [Fact]
    public void The_facility_sums_its_halls_and_derives_its_ratios_from_the_sums()
    {
        var kpis = Compute([new(Air, H200, false), new(Liquid, Gb300, false)]);

        Assert.Equal(540_000, kpis.Facility.TokensPerSecond, 9);
        Assert.Equal(40 * 1.4 + 120 * 1.1, kpis.Facility.FacilityPowerKw, 9);
        Assert.Equal((40 * 1.4 + 120 * 1.1) / 160, kpis.Facility.Pue, 9);
        Assert.Equal(540_000 / ((40 * 1.4 + 120 * 1.1) / 1000), kpis.Facility.TokensPerSecondPerMegawatt, 6);
        Assert.Equal(PowerSources.Model, kpis.Facility.PowerSource);
        Assert.False(kpis.Facility.Stale);
        Assert.Equal(["hall-1", "hall-2"], kpis.Halls.Select(h => h.Id));
        Assert.Equal(H200.AsOf, kpis.Halls[0].AsOf);
    }

    [Fact]
    public void The_halls_share_the_yearly_opex_by_provisioned_power_so_their_costs_add_up_to_the_facilitys()
    {
        var kpis = Compute([new(Air, H200, false), new(Liquid, Gb300, false)]);

        Assert.Equal(kpis.Facility.CostPerHourUsd, kpis.Halls.Sum(h => h.CostPerHourUsd), 9);
        var opexPerHour = 2_000_000 / TokenEconomics.HoursPerYear;
        var capexAndEnergy = Tco.CostPerHourUsd(H200.Totals, opexShare: 0);
        Assert.Equal(capexAndEnergy + opexPerHour * 60 / 210, kpis.Halls[0].CostPerHourUsd, 9);
    }

    [Fact]
    public void A_fresh_meter_is_the_facilitys_power_and_its_pue_is_then_measured()
    {
        var kpis = Compute([new(Air, H200, false), new(Liquid, Gb300, false)], new MeterReading(200, Now.AddSeconds(-30)));

        Assert.Equal(200, kpis.Facility.FacilityPowerKw, 9);
        Assert.Equal(200 / 160.0, kpis.Facility.Pue, 9);
        Assert.Equal(PowerSources.Meter, kpis.Facility.PowerSource);
    }

    [Fact]
    public void A_meter_silent_past_its_freshness_no_longer_counts()
    {
        var old = Now - FacilityKpiCalculator.MeterFreshFor - TimeSpan.FromSeconds(1);

        var kpis = Compute([new(Air, H200, false), new(Liquid, Gb300, false)], new MeterReading(200, old));

        Assert.Equal(40 * 1.4 + 120 * 1.1, kpis.Facility.FacilityPowerKw, 9);
        Assert.Equal(PowerSources.Model, kpis.Facility.PowerSource);
    }

    [Fact]
    public void A_hall_not_heard_from_counts_as_nothing_and_makes_the_facility_stale()
    {
        var kpis = Compute([new(Air, null, true), new(Liquid, Gb300, false)]);

        Assert.Equal(500_000, kpis.Facility.TokensPerSecond, 9);
        Assert.True(kpis.Facility.Stale);
        Assert.True(kpis.Halls[0].Stale);
        Assert.Equal(0, kpis.Halls[0].TokensPerSecond);
        Assert.Equal(Now, kpis.Halls[0].AsOf);
        Assert.Equal(Air.Pue, kpis.Halls[0].Pue);
    }

    [Fact]
    public void A_facility_without_halls_is_stale()
    {
        var kpis = Compute([]);

        Assert.True(kpis.Facility.Stale);
        Assert.Equal(1, kpis.Facility.Pue);
        Assert.Empty(kpis.Halls);
    }
}
