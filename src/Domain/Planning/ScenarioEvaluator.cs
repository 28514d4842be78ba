using System.Globalization;
using TokenFactoryTwin.Abstractions.Kpis;
using TokenFactoryTwin.Abstractions.Planning;
using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Domain.Catalog;
using TokenFactoryTwin.Domain.Flex;

namespace TokenFactoryTwin.Domain.Planning;

/// <summary>
/// The planner: a baseline plus an ordered list of changes in, baseline and projected KPIs, their delta, constraints
/// and violations out. Pure and deterministic: the same inputs give the same answer, with no clock and no I/O.
/// </summary>
public static class ScenarioEvaluator
{
    /// <summary>The racks a change plans are named <c>{scenario}-{n}-{i}</c>: unique within the live twin once applied.</summary>
    public static string RackIdPrefix(string scenarioId, int n) => $"{scenarioId}-{n}";

    /// <summary>The baseline with every change applied in order. Problems of changes that no longer apply are returned, not thrown.</summary>
    public static PlanModel Project(
        ScenarioBaseline baseline, IEnumerable<ScenarioChangeEntry> changes, string scenarioId, TwinCatalog catalog,
        List<(ScenarioChangeEntry Entry, IReadOnlyList<ChangeProblem> Problems)>? skipped = null, List<FlexPlan>? flex = null)
    {
        var model = PlanBuilder.FromBaseline(baseline, catalog);
        foreach (var entry in changes)
        {
            var problems = ChangeApplier.Apply(model, entry.Change, RackIdPrefix(scenarioId, entry.N), catalog);
            if (problems.Count > 0)
            {
                skipped?.Add((entry, problems));
            }
            else if (flex is not null && entry.Change is FlexEventChange flexEvent)
            {
                // A flex event is planned against the scenario as it stands at that change; it leaves the model as it was.
                flex.Add(FlexPlanner.Plan(model, flexEvent, catalog));
            }
        }

        return model;
    }

    /// <summary>The problems <paramref name="candidate"/> would have if added after <paramref name="changes"/>; empty when it applies.</summary>
    public static IReadOnlyList<ChangeProblem> Check(
        ScenarioBaseline baseline, IEnumerable<ScenarioChangeEntry> changes, ScenarioChangeEntry candidate, string scenarioId, TwinCatalog catalog)
    {
        var model = Project(baseline, changes, scenarioId, catalog);
        return ChangeApplier.Apply(model, candidate.Change, RackIdPrefix(scenarioId, candidate.N), catalog);
    }

    public static ScenarioEvaluation Evaluate(
        ScenarioBaseline baseline, IReadOnlyList<ScenarioChangeEntry> changes, string scenarioId, TwinCatalog catalog)
    {
        var before = PlanMeasure.Measure(PlanBuilder.FromBaseline(baseline, catalog), catalog);
        var skipped = new List<(ScenarioChangeEntry Entry, IReadOnlyList<ChangeProblem> Problems)>();
        var flex = new List<FlexPlan>();
        var model = Project(baseline, changes, scenarioId, catalog, skipped, flex);
        var after = PlanMeasure.Measure(model, catalog);
        return new ScenarioEvaluation(
            before.Facility,
            after.Facility,
            Delta(before.Facility, after.Facility),
            after.Constraints,
            after.Violations,
            Notes(baseline, changes, model, skipped),
            after.Halls,
            flex.Count > 0 ? flex : null);
    }

    public static KpiDelta Delta(TwinKpis baseline, TwinKpis projected) => new(
        projected.Racks - baseline.Racks,
        projected.Gpus - baseline.Gpus,
        projected.TokensPerSecond - baseline.TokensPerSecond,
        projected.ItPowerKw - baseline.ItPowerKw,
        projected.FacilityPowerKw - baseline.FacilityPowerKw,
        projected.ProvisionedPowerKw - baseline.ProvisionedPowerKw,
        projected.TokensPerSecondPerMegawatt - baseline.TokensPerSecondPerMegawatt,
        projected.TokensPerSecondPerProvisionedMegawatt - baseline.TokensPerSecondPerProvisionedMegawatt,
        projected.CostPerHourUsd - baseline.CostPerHourUsd,
        projected.CostPerMillionTokensUsd - baseline.CostPerMillionTokensUsd);

    private static List<string> Notes(
        ScenarioBaseline baseline, IReadOnlyList<ScenarioChangeEntry> changes, PlanModel model,
        List<(ScenarioChangeEntry Entry, IReadOnlyList<ChangeProblem> Problems)> skipped)
    {
        var notes = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture,
                $"Existing racks keep the figures they reported at {baseline.TakenAt:u}; planned racks run at a steady load (full load unless a change says otherwise) of their workload's catalog operating point, drawing the catalog's rack IT kW at full load."),
            "N+1: with its partner side lost, every dual-corded rack draws its whole load through the surviving side; nodes are limited to their derated rating.",
            "A hall's cooling load is its IT power.",
        };
        if (model.CostModel.Kind == CostModelKinds.PriceTier && changes.Any(c => c.Change is SetEnergyPriceChange))
        {
            notes.Add($"The cost model is the '{model.CostModel.PriceTier}' GPU-hour price tier, which already includes energy: the energy price moves cost per token only under a tco cost model.");
        }

        if (model.CostModel.Kind == CostModelKinds.Tco)
        {
            foreach (var type in model.Racks.Select(r => r.RackType).Distinct().Where(t => model.CostModel.CapexUsdPerRack?.ContainsKey(t) != true))
            {
                notes.Add($"The tco cost model has no capex for rack type '{type}': its racks count no capex.");
            }
        }

        notes.AddRange(skipped.Select(s => $"Change {s.Entry.N} no longer applies and was skipped: {string.Join("; ", s.Problems.Select(p => $"{p.Field}: {p.Message}"))}"));
        return notes;
    }
}
