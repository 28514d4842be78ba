using TokenFactoryTwin.Abstractions.Planning;
using TokenFactoryTwin.Domain.Planning;
using static TokenFactoryTwin.UnitTests.Planning.PlanningFixtures;

namespace TokenFactoryTwin.UnitTests.Planning;

public sealed class ScenarioEvaluatorTests
{
    [Fact]
    public void No_changes_project_the_baseline_unchanged()
    {
        var result = Evaluate(TwoHalls());

        Assert.Equal(result.Baseline, result.Projected);
        Assert.Equal(8 * 32 + 4 * 72, result.Baseline.Gpus);
        Assert.Equal(0, result.Delta.TokensPerSecond);
        Assert.Empty(result.Violations);
    }

    [Fact]
    public void Adding_ten_GB300_NVL72_racks_adds_720_GPUs_and_720_times_the_all_in_kW()
    {
        var result = Evaluate(TwoHalls(busway2Kw: 4000), AddGb300(10));

        Assert.Equal(10, result.Delta.Racks);
        Assert.Equal(720, result.Delta.Gpus);
        Assert.Equal(720 * 2.1, result.Delta.ProvisionedPowerKw, 9);
        Assert.Equal(720 * 6000, result.Delta.TokensPerSecond, 6);
        Assert.Equal(10 * 135, result.Delta.ItPowerKw, 9);
        Assert.Equal(10 * 135 * 1.12, result.Delta.FacilityPowerKw, 9);
        Assert.Equal(720 * 2.652, result.Delta.CostPerHourUsd, 9);
        Assert.Equal(10, result.Projected.VirtualRacks);
    }

    [Fact]
    public void Replacing_an_H200_hall_with_GB300_at_the_same_power_moves_tokens_per_MW_and_cost_as_the_catalog_implies()
    {
        // 16 H200 racks draw 16 x 42.8 = 684.8 kW; 5 GB300 NVL72 racks draw 5 x 135 = 675 kW.
        var spec = TwoHalls(h200: 16, gb300: 0, busway2Kw: 4000) with { };
        var h200 = spec.Racks.Select(r => r.Id).ToList();
        var result = Evaluate(spec,
            new ReplaceRacksChange(h200.Take(5).ToList(), "gb300-nvl72"),
            new RemoveRacksChange(h200.Skip(5).ToList()));

        // The catalog's seed table: H200 53,931 tokens/s per provisioned MW at $4.198/Mtok; GB300 2,857,143 at $0.1228.
        Assert.Equal(53931, result.Baseline.TokensPerSecondPerProvisionedMegawatt, 0.5);
        Assert.Equal(4.198, result.Baseline.CostPerMillionTokensUsd!.Value, 3);
        Assert.Equal(2857143, result.Projected.TokensPerSecondPerProvisionedMegawatt, 0.5);
        Assert.Equal(0.1228, result.Projected.CostPerMillionTokensUsd!.Value, 4);
        Assert.Equal(675, result.Projected.ItPowerKw, 9);

        // Measured (IT x PUE) per MW moves by the ratio of tokens per rack IT kW, the hall's PUE cancelling out.
        var ratio = (72 * 6000 / 135.0) / (32 * 93.3 / 42.8);
        Assert.Equal(ratio, result.Projected.TokensPerSecondPerMegawatt / result.Baseline.TokensPerSecondPerMegawatt, 9);
    }

    [Fact]
    public void A_feed_failure_moves_every_rack_to_the_surviving_side_and_reports_the_nodes_that_break()
    {
        // 8 H200 (342.4 kW) on busways 1A/1B; 4 + 1 GB300 (675 kW) on busways 2A/2B, 640 kW derated.
        var result = Evaluate(TwoHalls(), AddGb300(1), new FailPowerNodeChange("feed-a"));
        var power = result.Constraints.Power.ToDictionary(p => p.Node);

        foreach (var a in new[] { "feed-a", "ups-a", "bw-1a", "bw-2a" })
        {
            Assert.True(power[a].Failed, a);
            Assert.Equal(0, power[a].LoadKw);
        }

        Assert.Equal(8 * 42.8, power["bw-1b"].LoadKw, 9);
        Assert.Equal(5 * 135, power["bw-2b"].LoadKw, 9);
        Assert.Equal(8 * 42.8 + 5 * 135, power["feed-b"].LoadKw, 9);
        Assert.True(power["bw-1b"].Ok);
        Assert.False(power["bw-2b"].Ok);
        Assert.Contains("Busway 2B (bw-2b) would carry 675 kW of 640 kW derated", Assert.Single(result.Violations));
        Assert.Equal(result.Baseline.TokensPerSecond + 72 * 6000, result.Projected.TokensPerSecond, 6);
    }

    [Fact]
    public void Without_a_failure_the_N_plus_1_check_names_the_feed_whose_loss_breaks_a_node()
    {
        var result = Evaluate(TwoHalls(), AddGb300(1));

        var bw2b = result.Constraints.Power.Single(p => p.Node == "bw-2b");
        Assert.Equal(5 * 135 / 2.0, bw2b.LoadKw, 9);
        Assert.Equal(5 * 135, bw2b.LoadIfPartnerLostKw, 9);
        Assert.Contains("Busway 2B (bw-2b) would carry 675 kW of 640 kW derated if feed A is lost", result.Violations);
        Assert.Contains("Busway 2A (bw-2a) would carry 675 kW of 640 kW derated if feed B is lost", result.Violations);
    }

    [Fact]
    public void Racks_that_lose_both_cords_stop_producing_but_keep_costing()
    {
        var result = Evaluate(TwoHalls(), new FailPowerNodeChange("bw-2a"), new FailPowerNodeChange("ups-b"));

        // Hall 2's racks hang off bw-2a and bw-2b (below ups-b): both dead. Hall 1's keep their A side.
        Assert.Equal(result.Baseline.TokensPerSecond - 4 * 72 * 6000, result.Projected.TokensPerSecond, 6);
        Assert.Equal(result.Baseline.CostPerHourUsd, result.Projected.CostPerHourUsd, 9);
        Assert.Equal(8 * 42.8, result.Constraints.Power.Single(p => p.Node == "bw-1a").LoadKw, 9);
        Assert.Contains(result.Violations, v => v.StartsWith("rack h2-01 would lose power", StringComparison.Ordinal));
    }

    [Fact]
    public void Energy_price_moves_cost_per_token_under_a_tco_cost_model()
    {
        var tco = new SetCostModelChange(new("tco", CapexUsdPerRack: new Dictionary<string, double> { ["gb300-nvl72"] = 3_900_000, ["hgx-h200-4x"] = 1_200_000 }, EnergyUsdPerMWh: 80));
        var at80 = Evaluate(TwoHalls(), tco);
        var at160 = Evaluate(TwoHalls(), tco, new SetEnergyPriceChange(160));

        Assert.Equal(80 * at80.Projected.FacilityPowerKw / 1000, at160.Projected.CostPerHourUsd - at80.Projected.CostPerHourUsd, 9);
        Assert.True(at160.Projected.CostPerMillionTokensUsd > at80.Projected.CostPerMillionTokensUsd);
    }

    [Fact]
    public void Pue_and_added_power_capacity_apply()
    {
        var result = Evaluate(TwoHalls(), new SetPueChange("hall-2", 1.05),
            new AddPowerNodeChange("bw-3a", Abstractions.Topology.PowerNodeKind.Busway, "A", 1000, "ups-a"),
            new AddPowerNodeChange("bw-3b", Abstractions.Topology.PowerNodeKind.Busway, "B", 1000, "ups-b"),
            AddGb300(5, "bw-3a", "bw-3b"));

        Assert.Equal(1.05, result.ProjectedHalls.Single(h => h.Id == "hall-2").Pue, 9);
        Assert.Equal(5 * 135, result.Constraints.Power.Single(p => p.Node == "bw-3b").LoadIfPartnerLostKw, 9);
        Assert.Empty(result.Violations);
    }

    [Fact]
    public void Set_workload_scales_tokens_by_the_operating_points()
    {
        var result = Evaluate(TwoHalls(), new SetWorkloadChange("deepseek-r1-0528", Hall: "hall-1", OperatingPoint: "article-dsr1-gb300"));

        Assert.Equal(result.Baseline.TokensPerSecond - 8 * 32 * 93.3 + 8 * 32 * 6000, result.Projected.TokensPerSecond, 6);
    }

    [Fact]
    public void Evaluating_a_thousand_added_racks_adds_every_gpu()
    {
        // How long it takes is measured by bench/MicroBench (ScenarioBenchmarks), not asserted here.
        var result = ScenarioEvaluator.Evaluate(Baseline(TwoHalls(busway2Kw: 1e6)), Changes(AddGb300(1000)), Scenario, Catalog);

        Assert.Equal(72_000, result.Delta.Gpus);
    }
}
