using CsCheck;
using TokenFactoryTwin.Abstractions.Planning;
using TokenFactoryTwin.Domain.Planning;
using static TokenFactoryTwin.UnitTests.Planning.PlanningFixtures;

namespace TokenFactoryTwin.UnitTests.Planning;

public sealed class AddingRacksProperties
{
    [Fact]
    public void Adding_racks_never_lowers_projected_power_or_raises_headroom()
    {
        Gen.Select(Gen.Int[0, 12], Gen.Int[1, 40], Gen.Double[0, 1], Gen.Double[0, 1], Gen.Int[0, 3], Gen.Bool)
            .Sample((h200, added, baseLevel, addedLevel, failure, toHall1) =>
            {
                var spec = TwoHalls(h200: h200, gb300: 3);
                var before = ScenarioEvaluator.Evaluate(Baseline(spec, baseLevel), Changes(Failures(failure)), Scenario, Catalog);
                var add = toHall1
                    ? new AddRacksChange("hgx-b200-4x", added, "hall-1", "bw-1a", "bw-1b", LoadLevel: addedLevel)
                    : AddGb300(added) with { LoadLevel = addedLevel };
                var after = ScenarioEvaluator.Evaluate(Baseline(spec, baseLevel), Changes([.. Failures(failure), add]), Scenario, Catalog);

                const double eps = 1e-9;
                return after.Projected.FacilityPowerKw >= before.Projected.FacilityPowerKw - eps
                    && after.Projected.ProvisionedPowerKw > before.Projected.ProvisionedPowerKw
                    && after.Projected.Gpus > before.Projected.Gpus
                    && before.Constraints.Power.Zip(after.Constraints.Power).All(p =>
                        p.Second.LoadKw >= p.First.LoadKw - eps
                        && p.Second.HeadroomKw <= p.First.HeadroomKw + eps
                        && p.Second.HeadroomIfPartnerLostKw <= p.First.HeadroomIfPartnerLostKw + eps)
                    && after.Constraints.Cooling.Zip(before.Constraints.Cooling).All(c => c.First.LoadKw >= c.Second.LoadKw - eps);
            }, iter: 300);
    }

    private static ScenarioChange[] Failures(int which) => which switch
    {
        1 => [new FailPowerNodeChange("feed-a")],
        2 => [new FailPowerNodeChange("bw-2b")],
        3 => [new FailPowerNodeChange("bw-2a"), new FailPowerNodeChange("ups-b")],
        _ => [],
    };
}
