using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Abstractions.Kpis;

namespace TokenFactoryTwin.Grains.Network;

/// <summary>
/// A rack's uplink bundle. Holds nothing of its own: its spec comes from the facility's topology and its traffic from
/// its rack's snapshot, both read on demand. (Configured and persisted one by one, the links were half the grains a
/// gigawatt facility's start had to activate and write, for a face nothing reads at start.)
/// </summary>
public sealed class NetworkLinkGrain : Grain, INetworkLinkGrain
{
    public async Task<NetworkLinkStatus?> GetStatus()
    {
        var key = this.GetPrimaryKeyString();
        var facility = TwinKeys.FacilityOf(key);
        if (await GrainFactory.Reference<IFacilityTopologyGrain>(TwinKeys.Facility(facility)).FindLink(TwinKeys.LocalId(key)) is not { } spec)
        {
            return null;
        }

        // Traffic is the rack's, shared over its links by capacity; the facility, which knows all of a rack's links,
        // shares it exactly, while this grain sees its own bundle only and so assumes it carries the rack's uplink.
        var snapshot = await GrainFactory.Reference<IRackGrain>(TwinKeys.Rack(facility, spec.Rack)).GetSnapshot();
        return LinkStatuses.From(spec, snapshot, spec.CapacityGbps * spec.Count);
    }
}
