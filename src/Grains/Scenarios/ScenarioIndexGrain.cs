using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Abstractions.Planning;

namespace TokenFactoryTwin.Grains.Scenarios;

/// <summary>The scenarios of one facility, for listing. Written when a scenario is created or deleted, nothing else.</summary>
public sealed class ScenarioIndexGrain(
    [PersistentState("scenarios", StorageNames.Twin)] IPersistentState<ScenarioIndexState> state) : Grain, IScenarioIndexGrain
{
    public async Task Add(ScenarioSummary scenario)
    {
        state.State.Scenarios.RemoveAll(s => s.Id == scenario.Id);
        state.State.Scenarios.Add(scenario);
        await state.WriteStateAsync();
    }

    public async Task Remove(string scenarioId)
    {
        if (state.State.Scenarios.RemoveAll(s => s.Id == scenarioId) > 0)
        {
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<ScenarioSummary>> List() => Task.FromResult<IReadOnlyList<ScenarioSummary>>([.. state.State.Scenarios]);
}
