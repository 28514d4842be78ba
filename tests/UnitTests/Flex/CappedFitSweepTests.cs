using TokenFactoryTwin.Abstractions.Planning;
using TokenFactoryTwin.Domain.Facilities;
using TokenFactoryTwin.Domain.Planning;
using Xunit.Abstractions;
using static TokenFactoryTwin.UnitTests.Planning.PlanningFixtures;

namespace TokenFactoryTwin.UnitTests.Flex;

public sealed class CappedFitSweepTests(ITestOutputHelper output)
{
    private static readonly SetPowerCapChange CapGb300At70Percent = new(PowerCapScopes.RackType, RackType: "gb300-nvl72", PercentOfRated: 70);

    [Fact]
    public void Capped_racks_fit_where_uncapped_ones_do_not_and_the_sweep_agrees_with_a_full_evaluation()
    {
        var spec = TwoHalls(busway2Kw: 1250);
        var model = PlanBuilder.FromBaseline(Baseline(spec), Catalog);
        Assert.Empty(ChangeApplier.Apply(model, CapGb300At70Percent, "s", Catalog));

        var (problems, result) = FitSweeper.Run(model, new FitSweepRequest("hall-2", CapPercentOfRated: 70), Catalog);

        Assert.Empty(problems);
        Assert.NotNull(result);
        Assert.Equal(980, result.CapWPerGpu);
        Assert.NotNull(result.Uncapped);
        Assert.Null(result.Uncapped.CapWPerGpu);
        Assert.True(result.Fits > result.Uncapped.Fits, $"capped {result.Fits}, uncapped {result.Uncapped.Fits}");

        // The same racks added and capped by changes: the last count that fits has no violation, one more has.
        var fits = Evaluate(spec, AddGb300(result.Fits), CapGb300At70Percent);
        var over = Evaluate(spec, AddGb300(result.Fits + 1), CapGb300At70Percent);
        Assert.Empty(fits.Violations);
        Assert.NotEmpty(over.Violations);
        Assert.Equal(fits.Projected.TokensPerSecondPerMegawatt, result.Steps[result.Fits].TokensPerSecondPerMegawatt, 6);
        Assert.Equal(fits.Projected.CostPerMillionTokensUsd!.Value, result.Steps[result.Fits].CostPerMillionTokensUsd!.Value, 9);
    }

    [Fact]
    public void How_many_more_GB300_racks_fit_in_hall_2_of_the_default_facility_under_caps()
    {
        var spec = FacilityFile.LoadDefault(Catalog);
        var uncapped = PlanBuilder.FromBaseline(Baseline(spec, 0.9), Catalog);
        var (_, plain) = FitSweeper.Run(uncapped, new FitSweepRequest("hall-2", StopAt: FitSweepRequest.StopAtPower), Catalog);
        output.WriteLine($"uncapped: {plain!.FitsBeforePower} more before power breaks, {plain.Steps[plain.FitsBeforePower ?? 0].TokensPerSecondPerMegawatt:N0} tokens/s/MW, ${plain.Steps[plain.FitsBeforePower ?? 0].CostPerMillionTokensUsd:N4}/Mtok");

        var fitsAt = new Dictionary<double, int>();
        foreach (var percent in new[] { 90.0, 80, 70, 60 })
        {
            var model = PlanBuilder.FromBaseline(Baseline(spec, 0.9), Catalog);
            Assert.Empty(ChangeApplier.Apply(model, new SetPowerCapChange(PowerCapScopes.Hall, Hall: "hall-2", PercentOfRated: percent), "s", Catalog));
            var (problems, capped) = FitSweeper.Run(model, new FitSweepRequest("hall-2", StopAt: FitSweepRequest.StopAtPower, CapPercentOfRated: percent), Catalog);
            Assert.Empty(problems);
            var last = capped!.Steps[capped.FitsBeforePower ?? 0];
            output.WriteLine($"capped at {percent}% ({capped.CapWPerGpu} W): {capped.FitsBeforePower} more before power breaks, {last.TokensPerSecond:N0} tokens/s, {last.TokensPerSecondPerMegawatt:N0} tokens/s/MW, ${last.CostPerMillionTokensUsd:N4}/Mtok");
            Assert.True(capped.FitsBeforePower >= plain.FitsBeforePower, $"{percent} %: {capped.FitsBeforePower} against {plain.FitsBeforePower}");
            fitsAt[percent] = capped.FitsBeforePower ?? capped.Fits;
        }

        // A 30 % cap is POLCA's territory: it must let more racks in than no cap at all.
        Assert.True(fitsAt[70] > plain.FitsBeforePower, $"70 %: {fitsAt[70]} against {plain.FitsBeforePower} uncapped");
    }
}
