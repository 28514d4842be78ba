using TokenFactoryTwin.Abstractions.Grains;

namespace TokenFactoryTwin.Grains.Directory;

/// <summary>The facilities this cluster twins. Read once by each gateway at start; not on any hot path.</summary>
public sealed class TwinDirectoryGrain(
    [PersistentState("directory", StorageNames.Twin)] IPersistentState<TwinDirectoryState> state) : Grain, ITwinDirectoryGrain
{
    public async Task Register(string facilityId)
    {
        if (!state.State.Facilities.Contains(facilityId))
        {
            state.State.Facilities.Add(facilityId);
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<string>> GetFacilities() => Task.FromResult<IReadOnlyList<string>>(state.State.Facilities);
}
