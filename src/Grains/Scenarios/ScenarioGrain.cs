using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Abstractions.Planning;
using TokenFactoryTwin.Domain.Catalog;
using TokenFactoryTwin.Domain.Planning;

namespace TokenFactoryTwin.Grains.Scenarios;

/// <summary>
/// Owns and persists one scenario: a fork of the live twin plus changes. Every command names the version it was made
/// against and is refused when that is stale, so two planners cannot silently overwrite each other. Evaluation is the
/// pure planner's, cached until the next change.
/// </summary>
public sealed class ScenarioGrain(
    [PersistentState("scenario", StorageNames.Twin)] IPersistentState<ScenarioState> state,
    TwinCatalog catalog,
    TimeProvider time) : Grain, IScenarioGrain
{
    private ScenarioEvaluation? _evaluation;

    private string FacilityId => TwinKeys.FacilityOf(this.GetPrimaryKeyString());

    private string ScenarioId => TwinKeys.LocalId(this.GetPrimaryKeyString());

    private bool Exists => state.State.Baseline is not null;

    public async Task<ScenarioView?> Create(string name)
    {
        if (await Topology().GetTopology() is not { } topology)
        {
            return null;
        }

        var racks = await GrainFactory.Reference<IFacilityKpiGrain>(TwinKeys.Facility(FacilityId)).GetRacks();
        var now = time.GetUtcNow();
        state.State = new ScenarioState { Name = name, CreatedAt = now, Version = 1, Baseline = new ScenarioBaseline(now, topology, racks) };
        await state.WriteStateAsync();
        _evaluation = null;
        await Index().Add(new ScenarioSummary(ScenarioId, name, now));
        return View();
    }

    public Task<ScenarioView?> Get() => Task.FromResult(Exists ? View() : null);

    public async Task<ScenarioCommandResult> AddChange(ScenarioChange change, long expectedVersion)
    {
        if (Refused(expectedVersion) is { } refused)
        {
            return refused;
        }

        var entry = new ScenarioChangeEntry(state.State.LastChange + 1, time.GetUtcNow(), change);
        var problems = ScenarioEvaluator.Check(state.State.Baseline!, state.State.Changes, entry, ScenarioId, catalog);
        if (problems.Count > 0)
        {
            return ScenarioCommandResult.Invalid(problems, state.State.Version);
        }

        state.State.Changes.Add(entry);
        state.State.LastChange = entry.N;
        return await Saved();
    }

    public async Task<ScenarioCommandResult> RemoveChange(int n, long expectedVersion)
    {
        if (Refused(expectedVersion) is { } refused)
        {
            return refused;
        }

        var index = state.State.Changes.FindIndex(c => c.N == n);
        if (index < 0)
        {
            return ScenarioCommandResult.NotFound;
        }

        // A later change may build on this one (removing racks it planned): refuse rather than silently drop it.
        var rest = state.State.Changes.Where(c => c.N != n).ToList();
        var skipped = new List<(ScenarioChangeEntry Entry, IReadOnlyList<ChangeProblem> Problems)>();
        ScenarioEvaluator.Project(state.State.Baseline!, rest, ScenarioId, catalog, skipped);
        if (skipped.Count > 0)
        {
            return ScenarioCommandResult.Conflict(
                skipped.SelectMany(s => s.Problems.Select(p => new ChangeProblem($"changes/{s.Entry.N}.{p.Field}", $"change {s.Entry.N} depends on change {n}: {p.Message}"))).ToList(),
                state.State.Version);
        }

        state.State.Changes.RemoveAt(index);
        return await Saved();
    }

    public async Task<bool> Delete()
    {
        if (!Exists)
        {
            return false;
        }

        await state.ClearStateAsync();
        state.State = new ScenarioState();
        _evaluation = null;
        await Index().Remove(ScenarioId);
        DeactivateOnIdle();
        return true;
    }

    public Task<FitSweepAnswer> Sweep(FitSweepRequest request)
    {
        if (!Exists)
        {
            return Task.FromResult(new FitSweepAnswer(ScenarioOutcome.NotFound, [], null));
        }

        var model = ScenarioEvaluator.Project(state.State.Baseline!, state.State.Changes, ScenarioId, catalog);
        var (problems, result) = FitSweeper.Run(model, request, catalog);
        return Task.FromResult(result is null
            ? new FitSweepAnswer(ScenarioOutcome.Invalid, problems, null)
            : new FitSweepAnswer(ScenarioOutcome.Done, [], result));
    }

    public async Task<ScenarioApplyResult> Apply()
    {
        if (!Exists)
        {
            return new ScenarioApplyResult(ScenarioOutcome.NotFound, [], [], []);
        }

        if (state.State.AppliedRacks.Count > 0)
        {
            return new ScenarioApplyResult(ScenarioOutcome.Conflict, state.State.AppliedRacks, ["the scenario is applied already; unapply it first"], []);
        }

        var model = ScenarioEvaluator.Project(state.State.Baseline!, state.State.Changes, ScenarioId, catalog);
        var facility = Topology();
        var live = (await facility.GetTopology())?.Racks.Select(r => r.Id).ToHashSet() ?? [];

        // Only racks the plan adds can go into the live twin; swapped, removed and re-powered racks are physical work.
        var planned = model.Racks.Where(r => r.Planned && !live.Contains(r.Id)).ToList();
        var skipped = model.Racks.Where(r => r.Planned && live.Contains(r.Id)).Select(r => $"rack {r.Id} is a swap of a live rack; swaps are not applied").ToList();
        if (planned.Count == 0)
        {
            return new ScenarioApplyResult(ScenarioOutcome.Invalid, [], ["the scenario plans no new racks"], skipped);
        }

        var result = await facility.RegisterRacks(planned.Select(r => r.ToVirtualSpec()).ToList());
        if (!result.Succeeded)
        {
            return new ScenarioApplyResult(result.Conflict ? ScenarioOutcome.Conflict : ScenarioOutcome.Invalid, [], result.Problems, skipped);
        }

        state.State.AppliedRacks = planned.Select(r => r.Id).ToList();
        await state.WriteStateAsync();
        return new ScenarioApplyResult(ScenarioOutcome.Done, state.State.AppliedRacks, [], skipped);
    }

    public async Task<ScenarioApplyResult> Unapply()
    {
        if (!Exists)
        {
            return new ScenarioApplyResult(ScenarioOutcome.NotFound, [], [], []);
        }

        var facility = Topology();
        var removed = new List<string>();
        var problems = new List<string>();
        foreach (var rack in state.State.AppliedRacks)
        {
            var result = await facility.RemoveRack(rack);
            (result.Succeeded ? removed : problems).AddRange(result.Succeeded ? [rack] : result.Problems);
        }

        state.State.AppliedRacks = [];
        await state.WriteStateAsync();
        return new ScenarioApplyResult(ScenarioOutcome.Done, removed, problems, []);
    }

    private ScenarioCommandResult? Refused(long expectedVersion) =>
        !Exists ? ScenarioCommandResult.NotFound
        : expectedVersion != state.State.Version ? ScenarioCommandResult.Stale(state.State.Version)
        : null;

    private async Task<ScenarioCommandResult> Saved()
    {
        state.State.Version++;
        await state.WriteStateAsync();
        _evaluation = null;
        return ScenarioCommandResult.Done(View());
    }

    private ScenarioView View()
    {
        var s = state.State;
        _evaluation ??= ScenarioEvaluator.Evaluate(s.Baseline!, s.Changes, ScenarioId, catalog);
        return new ScenarioView(ScenarioId, s.Name ?? ScenarioId, FacilityId, s.CreatedAt, s.Version, s.Baseline!.TakenAt,
            [.. s.Changes], _evaluation, [.. s.AppliedRacks]);
    }

    private IScenarioIndexGrain Index() => GrainFactory.Reference<IScenarioIndexGrain>(TwinKeys.ScenarioIndex(FacilityId));

    private IFacilityTopologyGrain Topology() => GrainFactory.Reference<IFacilityTopologyGrain>(TwinKeys.Facility(FacilityId));
}
