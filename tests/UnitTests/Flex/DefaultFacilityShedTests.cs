using TokenFactoryTwin.Abstractions.Planning;
using TokenFactoryTwin.Domain.Facilities;
using TokenFactoryTwin.Domain.Flex;
using TokenFactoryTwin.Domain.Planning;
using Xunit.Abstractions;
using static TokenFactoryTwin.UnitTests.Planning.PlanningFixtures;

namespace TokenFactoryTwin.UnitTests.Flex;

public sealed class DefaultFacilityShedTests(ITestOutputHelper output)
{
    [Fact]
    public void An_optimised_20_percent_shed_on_the_default_facility_loses_fewer_tokens_than_a_flat_20_percent_cut()
    {
        var spec = FacilityFile.LoadDefault(Catalog);
        var model = PlanBuilder.FromBaseline(Baseline(spec, 0.9), Catalog);
        var before = PlanMeasure.Measure(model, Catalog).Facility;
        var shedKw = 0.2 * before.FacilityPowerKw;

        var plan = FlexPlanner.Plan(model, new FlexEventChange(ShedKw: shedKw, Hours: 3), Catalog);

        output.WriteLine($"facility {before.FacilityPowerKw:N1} kW, {before.TokensPerSecond:N0} tokens/s; target shed {shedKw:N1} kW");
        output.WriteLine($"optimised: shed {plan.AchievedShedKw:N1} kW, lost {plan.TokensPerSecondLost:N0} tokens/s ({plan.TokensPerSecondLost / before.TokensPerSecond:P1}); flat: lost {plan.FlatTokensPerSecondLost:N0} tokens/s ({plan.FlatTokensPerSecondLost / before.TokensPerSecond:P1})");
        output.WriteLine($"revenue lost {plan.RevenueLostPerHourUsd:N2} $/h at {plan.UsdPerMillionTokens:N3} $/Mtok; break-even {plan.BreakEvenUsdPerMWh:N1} $/MWh; max shed {plan.MaxShedKw:N1} kW");
        foreach (var rack in plan.Racks)
        {
            output.WriteLine($"  {rack.Rack} {rack.Gpu} {rack.Bound} draw {rack.DrawWPerGpu:N0} W -> cap {rack.CapWPerGpu:N0} W clock {rack.Clock:P0} tokens {rack.TokensPerSecondBefore:N0} -> {rack.TokensPerSecondAfter:N0}");
        }

        foreach (var point in plan.Curve)
        {
            output.WriteLine($"  curve {point.ShedMw * 1000:N1} kW: optimised {point.OptimisedTokensPerSecondLost:N0}, flat {point.FlatTokensPerSecondLost:N0}");
        }

        Assert.True(plan.Met);
        Assert.True(plan.AchievedShedKw >= shedKw);
        Assert.True(plan.TokensPerSecondLost < plan.FlatTokensPerSecondLost,
            $"optimised {plan.TokensPerSecondLost:N0} tokens/s lost, flat {plan.FlatTokensPerSecondLost:N0}");
        Assert.True(plan.TokensPerSecondLost > 0);
    }
}
