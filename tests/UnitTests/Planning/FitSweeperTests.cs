using TokenFactoryTwin.Abstractions.Planning;
using TokenFactoryTwin.Domain.Facilities;
using TokenFactoryTwin.Domain.Planning;
using static TokenFactoryTwin.UnitTests.Planning.PlanningFixtures;

namespace TokenFactoryTwin.UnitTests.Planning;

public sealed class FitSweeperTests
{
    [Fact]
    public void The_sweep_stops_at_the_first_rack_that_breaks_N_plus_1_and_agrees_with_a_full_evaluation()
    {
        // Busways 2A/2B: 1,250 kW, 1,000 derated; 4 GB300 racks draw 540 kW: three more fit (945), a fourth (1,080) does not.
        var spec = TwoHalls(busway2Kw: 1250);
        var model = PlanBuilder.FromBaseline(Baseline(spec), Catalog);

        var (problems, result) = FitSweeper.Run(model, new FitSweepRequest("hall-2"), Catalog);

        Assert.Empty(problems);
        Assert.NotNull(result);
        Assert.Equal(3, result.Fits);
        Assert.Equal(3, result.FitsBeforePower);
        Assert.Equal(5, result.Steps.Count);
        Assert.Contains("Busway 2B (bw-2b) would carry 1,080 kW of 1,000 kW derated if feed A is lost", result.LimitedBy);
        Assert.All(result.Steps.Take(4), s => Assert.True(s.Ok));
        for (var k = 1; k < result.Steps.Count; k++)
        {
            Assert.Equal(result.Steps[0].TokensPerSecond + k * 72 * 6000, result.Steps[k].TokensPerSecond, 6);
            Assert.True(result.Steps[k].CostPerMillionTokensUsd < result.Steps[k - 1].CostPerMillionTokensUsd);
            Assert.True(result.Steps[k].TokensPerSecondPerProvisionedMegawatt > result.Steps[k - 1].TokensPerSecondPerProvisionedMegawatt);
        }

        var three = Evaluate(spec, AddGb300(3));
        var four = Evaluate(spec, AddGb300(4));
        Assert.Empty(three.Violations);
        Assert.NotEmpty(four.Violations);
        Assert.Equal(three.Projected.CostPerMillionTokensUsd!.Value, result.Steps[3].CostPerMillionTokensUsd!.Value, 12);
        Assert.Equal(three.Projected.TokensPerSecondPerMegawatt, result.Steps[3].TokensPerSecondPerMegawatt, 6);
    }

    [Fact]
    public void Stop_at_power_runs_past_cooling_to_the_first_power_break()
    {
        var spec = TwoHalls(busway2Kw: 1250, hall2CoolingKw: 700);
        var model = PlanBuilder.FromBaseline(Baseline(spec), Catalog);

        var (_, result) = FitSweeper.Run(model, new FitSweepRequest("hall-2", StopAt: FitSweepRequest.StopAtPower), Catalog);

        Assert.NotNull(result);
        Assert.Equal(1, result.Fits);
        Assert.Contains("Hall 2 (hall-2) would need 810 kW of cooling; it has 700 kW", result.LimitedBy);
        Assert.Equal(3, result.FitsBeforePower);
    }

    [Fact]
    public void The_default_facility_at_nameplate_load_is_already_at_its_N_plus_1_limit_in_hall_2()
    {
        var catalogFacility = FacilityFile.LoadDefault(Catalog);
        var model = PlanBuilder.FromBaseline(Baseline(catalogFacility), Catalog);

        var (problems, result) = FitSweeper.Run(model, new FitSweepRequest("hall-2"), Catalog);

        Assert.Empty(problems);
        Assert.Equal(0, result!.Fits);
        Assert.Contains(result.LimitedBy, v => v.Contains("if feed", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_hall_or_rack_type_is_refused_with_the_field()
    {
        var model = PlanBuilder.FromBaseline(Baseline(TwoHalls()), Catalog);

        var (problems, result) = FitSweeper.Run(model, new FitSweepRequest("hall-9", "gb900", MaxRacks: 0), Catalog);

        Assert.Null(result);
        Assert.Contains(problems, p => p.Field == "hall");
        Assert.Contains(problems, p => p.Field == "rackType");
        Assert.Contains(problems, p => p.Field == "maxRacks");
    }

    [Fact]
    public void A_thousand_rack_sweep_reports_every_step()
    {
        // How long it takes is measured by bench/MicroBench, not asserted here: a shared machine's clock is no test.
        var model = PlanBuilder.FromBaseline(Baseline(TwoHalls(busway2Kw: 1e6, upsKw: 1e6)), Catalog);

        var (_, result) = FitSweeper.Run(model, new FitSweepRequest("hall-2", MaxRacks: 1000, StopAt: FitSweepRequest.StopAtPower), Catalog);

        Assert.Equal(1001, result!.Steps.Count);
    }
}
