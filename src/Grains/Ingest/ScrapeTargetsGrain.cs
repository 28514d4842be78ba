using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Abstractions.Ingest;

namespace TokenFactoryTwin.Grains.Ingest;

/// <summary>Keeps a facility's pull targets, persisted, so every gateway scrapes the same list across restarts.</summary>
public sealed class ScrapeTargetsGrain(
    [PersistentState("scrape", StorageNames.Twin)] IPersistentState<ScrapeTargetsState> state) : Grain, IScrapeTargetsGrain
{
    public async Task<bool> Add(ScrapeTargetSpec target)
    {
        if (state.State.Targets.Any(t => t.Id == target.Id))
        {
            return false;
        }

        state.State.Targets.Add(target);
        await state.WriteStateAsync();
        return true;
    }

    public async Task<bool> Remove(string id)
    {
        if (state.State.Targets.RemoveAll(t => t.Id == id) == 0)
        {
            return false;
        }

        await state.WriteStateAsync();
        return true;
    }

    public Task<IReadOnlyList<ScrapeTargetSpec>> GetAll() => Task.FromResult<IReadOnlyList<ScrapeTargetSpec>>(state.State.Targets.ToList());
}
