using TokenFactoryTwin.Abstractions.Kpis;
using TokenFactoryTwin.Abstractions.Topology;

namespace TokenFactoryTwin.Grains.Network;

/// <summary>A link's figures from its rack's snapshot: the rack's uplink traffic shared over its links by capacity.</summary>
public static class LinkStatuses
{
    public static NetworkLinkStatus From(NetworkLinkSpec link, RackSnapshot? rack, double rackUplinkCapacityGbps)
    {
        var capacity = link.CapacityGbps * link.Count;
        var share = rackUplinkCapacityGbps > 0 ? capacity / rackUplinkCapacityGbps : 1;
        var traffic = rack is null ? 0 : rack.UplinkGbps * share;
        return new NetworkLinkStatus(link.Id, link.Rack, link.Spine, link.CapacityGbps, link.Count, traffic,
            capacity > 0 ? traffic / capacity : 0, Up: true, Stale: rack is null || rack.Stale);
    }
}
