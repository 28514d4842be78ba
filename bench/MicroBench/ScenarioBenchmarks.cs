using BenchmarkDotNet.Attributes;
using TokenFactoryTwin.Abstractions.Planning;
using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Domain.Planning;

namespace TokenFactoryTwin.MicroBench;

/// <summary>
/// The planner's answer to "add 1,000 GB300 racks" against the live 1 GW facility: baseline and projected KPIs,
/// power, cooling and spine constraints and their violations, for 8,400 racks in all.
/// </summary>
public class ScenarioBenchmarks
{
    private IReadOnlyList<ScenarioChangeEntry> _add1000 = [];

    [GlobalSetup]
    public void Setup()
    {
        var change = new AddRacksChange("gb300-nvl72", 1000, "hall-15", "ups-15a", "ups-15b", Workload: new WorkloadSpec("deepseek-r1-0528"));
        _add1000 = [new ScenarioChangeEntry(1, GigawattBaseline.At, change)];

        // A benchmark of a change the planner refused would measure nothing: check the racks were really added.
        var evaluation = Evaluate();
        if (evaluation.Projected.Racks != GigawattBaseline.Racks + 1000)
        {
            throw new InvalidOperationException($"the scenario did not add 1,000 racks: {string.Join("; ", evaluation.Notes)}");
        }
    }

    [Benchmark(Description = "Scenario: 1 GW + 1,000 racks")]
    public ScenarioEvaluation Evaluate() => ScenarioEvaluator.Evaluate(GigawattBaseline.Baseline, _add1000, "bench", GigawattBaseline.Catalog);
}
