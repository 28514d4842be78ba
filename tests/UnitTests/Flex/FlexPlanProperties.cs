using CsCheck;
using TokenFactoryTwin.Abstractions.Planning;
using TokenFactoryTwin.Domain.Flex;
using TokenFactoryTwin.Domain.Planning;
using static TokenFactoryTwin.UnitTests.Planning.PlanningFixtures;

namespace TokenFactoryTwin.UnitTests.Flex;

public sealed class FlexPlanProperties
{
    private const string Model = "deepseek-r1-0528";
    private const double Eps = 1e-6;

    /// <summary>A facility, a load, an optional cap already set on hall 2, and a priority with a floor for the model every rack serves.</summary>
    private static readonly Gen<(PlanModel Model, double? HallCapW, FlexPriority? Priority)> Scenarios =
        Gen.Select(Gen.Int[0, 12], Gen.Int[1, 6], Gen.Double[0.2, 1], Gen.Double[0, 1], Gen.Double[0, 40], Gen.Bool)
            .Select((h200, gb300, level, capShare, floor, hasPriority) =>
            {
                var model = PlanBuilder.FromBaseline(Baseline(TwoHalls(h200: h200, gb300: gb300), level), Catalog);
                double? hallCap = capShare < 0.5 ? null : 200 + (capShare * 1200);
                if (hallCap is { } cap)
                {
                    Assert.Empty(ChangeApplier.Apply(model, new SetPowerCapChange(PowerCapScopes.Hall, Hall: "hall-2", WattsPerGpu: cap), "s", Catalog));
                }

                return (model, hallCap, hasPriority ? new FlexPriority(Model, 1, floor) : null);
            });

    [Fact]
    public void A_plan_never_exceeds_a_cap_or_rating_it_was_given_nor_drops_a_workload_below_its_floor()
    {
        Gen.Select(Scenarios, Gen.Double[0, 0.6]).Sample((scenario, share) =>
        {
            var (model, hallCap, priority) = scenario;
            var power = PlanMeasure.Measure(model, Catalog).Facility.FacilityPowerKw;
            var plan = FlexPlanner.Plan(model, new FlexEventChange(ShedKw: share * power, Priorities: priority is null ? null : [priority]), Catalog);

            foreach (var rack in plan.Racks)
            {
                var gpu = Catalog.FindGpu(rack.Gpu)!;
                var given = rack.Hall == "hall-2" && hallCap is { } cap ? Math.Min(cap, gpu.TdpW) : gpu.TdpW;
                Assert.True(rack.CapWPerGpu <= rack.DrawWPerGpu + Eps && rack.DrawWPerGpu <= given + Eps, $"{rack.Rack}: cap {rack.CapWPerGpu} W, draw {rack.DrawWPerGpu} W, given {given} W");
                Assert.True(rack.CapWPerGpu >= gpu.IdleW - Eps, $"{rack.Rack}: cap {rack.CapWPerGpu} W below idle");
                Assert.True(rack.ItKwAfter <= rack.ItKwBefore + Eps && rack.TokensPerSecondAfter <= rack.TokensPerSecondBefore + Eps);
                if (priority?.MinInteractivity is { } floor)
                {
                    Assert.True(rack.InteractivityAfter >= floor - Eps, $"{rack.Rack}: {rack.InteractivityAfter} tokens/s per user under a floor of {floor}");
                }
            }

            Assert.True(plan.Met == (plan.AchievedShedKw >= plan.TargetShedKw - 1e-9));
            Assert.True(plan.AchievedShedKw <= plan.MaxShedKw + Eps);
        }, iter: 150);
    }

    [Fact]
    public void Shedding_more_never_costs_fewer_tokens()
    {
        Gen.Select(Scenarios, Gen.Double[0, 0.6], Gen.Double[0, 0.6]).Sample((scenario, a, b) =>
        {
            var (model, _, priority) = scenario;
            var power = PlanMeasure.Measure(model, Catalog).Facility.FacilityPowerKw;
            var priorities = priority is null ? null : new[] { priority };
            var less = FlexPlanner.Plan(model, new FlexEventChange(ShedKw: Math.Min(a, b) * power, Priorities: priorities), Catalog);
            var more = FlexPlanner.Plan(model, new FlexEventChange(ShedKw: Math.Max(a, b) * power, Priorities: priorities), Catalog);

            return more.TokensPerSecondLost >= less.TokensPerSecondLost - Eps
                && more.AchievedShedKw >= less.AchievedShedKw - Eps
                && more.RevenueLostPerHourUsd >= less.RevenueLostPerHourUsd - Eps;
        }, iter: 150);
    }

    [Fact]
    public void Both_curves_rise_and_the_optimised_one_stays_at_or_below_the_flat_one_at_a_shallow_shed()
    {
        Scenarios.Sample(scenario =>
        {
            var (model, _, _) = scenario;
            var plan = FlexPlanner.Plan(model, new FlexEventChange(ShedKw: 0), Catalog);
            for (var k = 1; k < plan.Curve.Count; k++)
            {
                Assert.True(plan.Curve[k].ShedMw >= plan.Curve[k - 1].ShedMw - Eps);
                Assert.True(plan.Curve[k].FlatTokensPerSecondLost >= plan.Curve[k - 1].FlatTokensPerSecondLost - Eps);
                if (plan.Curve[k].OptimisedTokensPerSecondLost is { } now && plan.Curve[k - 1].OptimisedTokensPerSecondLost is { } then)
                {
                    Assert.True(now >= then - Eps);
                }
            }

            // A flat 10 % cut sheds some power; the optimised plan sheds as much for no more tokens, give or take what its
            // ladder's 2 %-of-rated steps cost against a flat cut's continuous caps when every rack is alike.
            var shallow = plan.Curve[2];
            Assert.True(shallow.OptimisedTokensPerSecondLost is null || shallow.OptimisedTokensPerSecondLost <= (shallow.FlatTokensPerSecondLost * 1.01) + Eps,
                $"at {shallow.ShedMw * 1000:N1} kW: optimised {shallow.OptimisedTokensPerSecondLost}, flat {shallow.FlatTokensPerSecondLost}");
        }, iter: 60);
    }
}
