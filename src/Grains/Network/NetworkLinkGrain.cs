using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Abstractions.Kpis;
using TokenFactoryTwin.Abstractions.Topology;

namespace TokenFactoryTwin.Grains.Network;

/// <summary>A rack's uplink bundle. Its traffic comes from its rack's snapshot, read on demand.</summary>
public sealed class NetworkLinkGrain(
    [PersistentState("link", StorageNames.Twin)] IPersistentState<NetworkLinkState> state) : Grain, INetworkLinkGrain
{
    public async Task Configure(string facilityId, NetworkLinkSpec spec)
    {
        if (state.State.Spec == spec && state.State.FacilityId == facilityId)
        {
            return;
        }

        state.State.FacilityId = facilityId;
        state.State.Spec = spec;
        await state.WriteStateAsync();
    }

    public async Task<NetworkLinkStatus?> GetStatus()
    {
        if (state.State is not { Spec: { } spec, FacilityId: { } facility })
        {
            return null;
        }

        // Traffic is the rack's, shared over its links by capacity; the facility, which knows all of a rack's links,
        // shares it exactly, while this grain sees its own bundle only and so assumes it carries the rack's uplink.
        var snapshot = await GrainFactory.GetGrain<IRackGrain>(TwinKeys.Rack(facility, spec.Rack)).GetSnapshot();
        return LinkStatuses.From(spec, snapshot, spec.CapacityGbps * spec.Count);
    }
}
