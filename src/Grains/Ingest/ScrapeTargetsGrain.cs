using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Abstractions.Ingest;

namespace TokenFactoryTwin.Grains.Ingest;

/// <summary>Keeps a facility's pull targets, persisted, so the gateways share the same list across restarts.</summary>
public sealed class ScrapeTargetsGrain(
    [PersistentState("scrape", StorageNames.Twin)] IPersistentState<ScrapeTargetsState> state) : Grain, IScrapeTargetsGrain
{
    /// <summary>
    /// Which list the gateways hold: counted from a random start at each activation, so a gateway's version from an
    /// earlier activation never passes for this one's.
    /// </summary>
    private long _version = Random.Shared.NextInt64();

    public async Task<bool> Add(ScrapeTargetSpec target)
    {
        if (state.State.Targets.Any(t => t.Id == target.Id))
        {
            return false;
        }

        state.State.Targets.Add(target);
        await Store(() => state.State.Targets.Remove(target));
        return true;
    }

    public async Task<IReadOnlyList<string>> AddAll(IReadOnlyList<ScrapeTargetSpec> targets)
    {
        var known = state.State.Targets.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        var existing = targets.Where(t => known.Contains(t.Id)).Select(t => t.Id).ToList();
        if (existing.Count > 0 || targets.Count == 0)
        {
            return existing;
        }

        var before = state.State.Targets.Count;
        state.State.Targets.AddRange(targets);
        await Store(() => state.State.Targets.RemoveRange(before, targets.Count));
        return [];
    }

    public async Task<bool> Remove(string id)
    {
        var index = state.State.Targets.FindIndex(t => t.Id == id);
        if (index < 0)
        {
            return false;
        }

        var removed = state.State.Targets[index];
        state.State.Targets.RemoveAt(index);
        await Store(() => state.State.Targets.Insert(index, removed));
        return true;
    }

    public Task<ScrapeTargetList> GetIfChanged(long knownVersion) =>
        Task.FromResult(new ScrapeTargetList(_version, knownVersion == _version ? null : state.State.Targets.ToList()));

    /// <summary>Stores the changed list, or undoes the change if the store refuses: the gateways never see a target that was not stored.</summary>
    private async Task Store(Action undo)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            undo();
            throw;
        }

        _version++;
    }
}
