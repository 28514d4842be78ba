using TokenFactoryTwin.Abstractions.Planning;
using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Domain.Planning;
using static TokenFactoryTwin.UnitTests.Planning.PlanningFixtures;

namespace TokenFactoryTwin.UnitTests.Planning;

public sealed class ChangeValidationTests
{
    public static TheoryData<ScenarioChange, string, string> Invalid => new()
    {
        { new AddRacksChange("gb900", 1, "hall-2", "bw-2a", "bw-2b"), "rackType", "'gb900' is not a rack type" },
        { new AddRacksChange("gb300-nvl72", 0, "hall-2", "bw-2a", "bw-2b"), "count", "must be 1.." },
        { new AddRacksChange("gb300-nvl72", 1, "hall-9", "bw-2a", "bw-2b"), "hall", "'hall-9' is not a hall" },
        { new AddRacksChange("gb300-nvl72", 1, "hall-2", "bw-9a", "bw-2b"), "powerA", "'bw-9a' is not a power node" },
        { new AddRacksChange("gb300-nvl72", 1, "hall-2", "bw-2a", "bw-2a"), "powerB", "same node as powerA" },
        { new AddRacksChange("gb300-nvl72", 1, "hall-2", "bw-2a", "bw-2b", LoadLevel: 1.5), "loadLevel", "must lie in 0..1" },
        { new AddRacksChange("gb300-nvl72", 1, "hall-2", "bw-2a", "bw-2b", Workload: new WorkloadSpec("gpt-9")), "workload.model", "'gpt-9' is not a model" },
        { new RemoveRacksChange(["h1-01", "nope"]), "racks[1]", "no rack 'nope'" },
        { new ReplaceRacksChange(["h1-01"], "gb900"), "rackType", "not a rack type" },
        { new FailPowerNodeChange("feed-c"), "node", "'feed-c' is not a power node" },
        { new SetPueChange("hall-1", 0.9), "pue", "must lie in 1..3" },
        { new SetEnergyPriceChange(double.NaN), "usdPerMWh", "must lie in" },
        { new SetCostModelChange(new CostModelSpec("free")), "costModel.kind", "'free' is not" },
        { new SetCostModelChange(new CostModelSpec(PriceTier: "spot")), "costModel.priceTier", "'spot' has no price" },
        { new SetWorkloadChange("deepseek-r1-0528", ["h1-01"], "hall-1"), "racks", "either racks or hall" },
        { new AddPowerNodeChange("bw-1a", PowerNodeKind.Busway, "A", 500, "ups-a"), "id", "is a power node already" },
        { new AddPowerNodeChange("bw-3a", PowerNodeKind.Busway, "C", 500, "ups-a"), "side", "must be A or B" },
        { new AddPowerNodeChange("bw-3a", PowerNodeKind.Busway, "A", 500, "ups-z"), "upstream", "'ups-z' is not a power node" },
        { new SetPowerCapChange(WattsPerGpu: 500, PercentOfRated: 70), "wattsPerGpu", "either wattsPerGpu or percentOfRated" },
        { new SetPowerCapChange(), "wattsPerGpu", "either wattsPerGpu or percentOfRated" },
        { new SetPowerCapChange(WattsPerGpu: 1500), "wattsPerGpu", "must lie in 75..700 W for h200" },
        { new SetPowerCapChange(PercentOfRated: 5), "percentOfRated", "must lie in 10..100" },
        { new SetPowerCapChange("row", WattsPerGpu: 500), "scope", "must be one of facility, hall, rackType, rack" },
        { new SetPowerCapChange(PowerCapScopes.Hall, Hall: "hall-9", WattsPerGpu: 500), "hall", "'hall-9' is not a hall" },
        { new SetPowerCapChange(PowerCapScopes.RackType, RackType: "hgx-b200-4x", WattsPerGpu: 500), "rackType", "no rack of type 'hgx-b200-4x'" },
        { new SetPowerCapChange(PowerCapScopes.Rack, Racks: ["nope"], WattsPerGpu: 500), "racks[0]", "no rack 'nope'" },
        { new FlexEventChange(ShedKw: 100, CapKw: 900), "shedKw", "either shedKw or capKw" },
        { new FlexEventChange(), "shedKw", "either shedKw or capKw" },
        { new FlexEventChange(ShedKw: -5), "shedKw", "must lie in 0.." },
        { new FlexEventChange(CapKw: double.PositiveInfinity), "capKw", "must lie in 0.." },
        { new FlexEventChange(ShedKw: 100, Hours: 0), "hours", "must lie in 0.01..24" },
        { new FlexEventChange(ShedKw: 100, UsdPerMillionTokens: -1), "usdPerMillionTokens", "must lie in 0.." },
        { new FlexEventChange(ShedKw: 100, Priorities: [new FlexPriority("gpt-9")]), "priorities[0].model", "'gpt-9' is not a model" },
        { new FlexEventChange(ShedKw: 100, Priorities: [new FlexPriority("deepseek-r1-0528", 1, -3)]), "priorities[0].minInteractivity", "must lie in 0.." },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void An_invalid_change_names_the_field_and_changes_nothing(ScenarioChange change, string field, string message)
    {
        var model = PlanBuilder.FromBaseline(Baseline(TwoHalls()), Catalog);
        var before = PlanMeasure.Measure(model, Catalog);

        var problems = ChangeApplier.Apply(model, change, "s-1", Catalog);

        Assert.Contains(problems, p => p.Field == field && p.Message.Contains(message, StringComparison.Ordinal));
        var after = PlanMeasure.Measure(model, Catalog);
        Assert.Equal(before.Facility, after.Facility);
        Assert.Equal(before.Constraints.Power, after.Constraints.Power);
        Assert.Equal(model.CostModel, TwoHalls().CostModel);
    }

    [Fact]
    public void A_liquid_cooled_rack_type_is_refused_in_an_air_cooled_hall()
    {
        var spec = TwoHalls() with { Halls = [new HallSpec("hall-1", "Hall 1", "air", 1.29), new HallSpec("hall-2", "Hall 2", "liquid", 1.12)] };
        var model = PlanBuilder.FromBaseline(Baseline(spec), Catalog);

        var problems = ChangeApplier.Apply(model, new AddRacksChange("gb300-nvl72", 2, "hall-1", "bw-1a", "bw-1b"), "s-1", Catalog);

        Assert.Contains(problems, p => p.Field == "hall" && p.Message.Contains("needs liquid cooling"));
    }

    [Fact]
    public void A_later_change_can_refer_to_racks_an_earlier_one_planned()
    {
        var baseline = Baseline(TwoHalls(busway2Kw: 4000));
        var changes = Changes(AddGb300(3));

        var problems = ScenarioEvaluator.Check(baseline, changes, new ScenarioChangeEntry(2, At, new RemoveRacksChange([$"{Scenario}-1-002"])), Scenario, Catalog);

        Assert.Empty(problems);
    }
}
