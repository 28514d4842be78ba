using System.Text.Json;
using CsCheck;
using TokenFactoryTwin.Abstractions.Planning;
using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Domain.Planning;
using static TokenFactoryTwin.UnitTests.Planning.PlanningFixtures;

namespace TokenFactoryTwin.UnitTests.Planning;

/// <summary>
/// Any sequence of scenario changes, valid or not, mixed as a planner's clicks and typos mix them: each one either
/// applies or is refused with a reason naming its field, and a refused one leaves the plan exactly as it was.
/// </summary>
public sealed class ChangeSequenceProperties
{
    private static readonly string[] RackTypes = ["gb300-nvl72", "hgx-h200-4x", "hgx-b200-4x", "gb900"];
    private static readonly string[] Halls = ["hall-1", "hall-2", "hall-9"];
    private static readonly string[] Nodes = ["bw-1a", "bw-1b", "bw-2a", "bw-2b", "ups-a", "feed-b", "bw-9z"];
    private static readonly string[] Racks = ["h1-01", "h1-02", "h2-01", "h2-04", "s-1-001", "s-1-002", "nope"];
    private static readonly string[] Models = ["deepseek-r1-0528", "gpt-oss-120b", "gpt-9"];

    private static readonly Gen<ScenarioChange> Changes = Gen.OneOf<ScenarioChange>(
        Gen.Select(Gen.Int[0, RackTypes.Length - 1], Gen.Int[-1, 6], Gen.Int[0, Halls.Length - 1], Gen.Int[0, Nodes.Length - 1], Gen.Int[0, Nodes.Length - 1], Gen.Double[-0.2, 1.2])
            .Select((t, n, h, a, b, level) => (ScenarioChange)new AddRacksChange(RackTypes[t], n, Halls[h], Nodes[a], Nodes[b], LoadLevel: level)),
        Gen.Int[0, Racks.Length - 1].Array[0, 3].Select(ix => (ScenarioChange)new RemoveRacksChange(ix.Select(i => Racks[i]).ToList())),
        Gen.Select(Gen.Int[0, Racks.Length - 1], Gen.Int[0, RackTypes.Length - 1])
            .Select((r, t) => (ScenarioChange)new ReplaceRacksChange([Racks[r]], RackTypes[t])),
        Gen.Int[0, Nodes.Length - 1].Select(n => (ScenarioChange)new FailPowerNodeChange(Nodes[n])),
        Gen.Select(Gen.Int[0, Halls.Length - 1], Gen.Double[0.5, 3.5]).Select((h, pue) => (ScenarioChange)new SetPueChange(Halls[h], pue)),
        Gen.OneOf(Gen.Double[-50, 400], Gen.Const(double.NaN)).Select(price => (ScenarioChange)new SetEnergyPriceChange(price)),
        Gen.Select(Gen.Int[0, Models.Length - 1], Gen.Int[0, Halls.Length - 1])
            .Select((m, h) => (ScenarioChange)new SetWorkloadChange(Models[m], null, Halls[h])));

    [Fact]
    public void Each_change_applies_or_is_refused_with_a_reason_and_a_refused_one_changes_nothing()
    {
        int applied = 0, refused = 0;
        Changes.Array[1, 12].Sample(changes =>
        {
            var model = PlanBuilder.FromBaseline(Baseline(TwoHalls(h200: 2, gb300: 4)), Catalog);
            foreach (var change in changes)
            {
                var before = State(model);
                var problems = ChangeApplier.Apply(model, change, "s-1", Catalog);
                _ = problems.Count > 0 ? Interlocked.Increment(ref refused) : Interlocked.Increment(ref applied);
                if (problems.Count > 0
                    && (problems.Any(p => string.IsNullOrWhiteSpace(p.Field) || string.IsNullOrWhiteSpace(p.Message)) || State(model) != before))
                {
                    return false;
                }
            }

            return true;
        }, iter: 300);

        // The generator's mix reaches both outcomes, so the property is about something.
        Assert.True(applied > 100 && refused > 100, $"{applied} applied, {refused} refused");
    }

    /// <summary>Everything a plan shows: its figures, per hall, its constraints and violations, and its cost model.</summary>
    private static string State(PlanModel model) =>
        JsonSerializer.Serialize(new { measured = PlanMeasure.Measure(model, Catalog), model.CostModel });
}
