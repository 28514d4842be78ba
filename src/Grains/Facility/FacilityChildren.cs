using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Domain.Catalog;
using TokenFactoryTwin.Domain.Facilities;

namespace TokenFactoryTwin.Grains.Facility;

/// <summary>
/// Configures a facility's racks, halls and power nodes from its topology, each of which persists its own part so it
/// can re-activate alone. Hosts and links are not configured: they read their part of the topology when first used.
/// </summary>
internal static class FacilityChildren
{
    /// <summary>Child calls outstanding at once while configuring (see <see cref="BoundedFanOut"/>).</summary>
    private const int ConfigureWindow = 256;

    /// <param name="facility">The facility's id, which scopes every child's key.</param>
    /// <param name="spec">The topology the twin runs now.</param>
    /// <param name="before">The topology before the change, to find racks that left it.</param>
    /// <param name="racks">The racks to (re)configure; all of them, with every hall and power node, when null (at start).</param>
    public static async Task Configure(
        IGrainFactory grains, TwinCatalog catalog, string facility, FacilitySpec spec, FacilitySpec? before, TwinTiming timing,
        IReadOnlyCollection<RackSpec>? racks)
    {
        await grains.Reference<ITwinDirectoryGrain>(ITwinDirectoryGrain.Key).Register(facility);
        var removed = before?.Racks.Select(r => r.Id).Except(spec.Racks.Select(r => r.Id)).ToList() ?? [];

        // A registration or removal changes its racks' halls only: power nodes are the file's, configured at start.
        var changedHalls = racks is null
            ? null
            : racks.Select(r => r.Hall).Concat(before?.Racks.Where(r => removed.Contains(r.Id)).Select(r => r.Hall) ?? []).ToHashSet();
        if (racks is null)
        {
            await BoundedFanOut.Run(spec.PowerNodes, ConfigureWindow, n => grains.Reference<IPowerNodeGrain>(TwinKeys.PowerNode(facility, n.Id)).Configure(facility, n, timing));
        }

        var linksByRack = spec.Links.ToLookup(l => l.Rack);
        await BoundedFanOut.Run(racks ?? spec.Racks, ConfigureWindow, r => grains.Reference<IRackGrain>(TwinKeys.Rack(facility, r.Id))
            .Configure(new RackConfig(facility, r, RackProfiles.Resolve(r, catalog), timing, linksByRack[r.Id].Select(l => l.Id).ToList())));

        // Halls after their racks: a hall pings every rack it has not heard from, which would wake racks not yet configured.
        var racksByHall = spec.Racks.ToLookup(r => r.Hall);
        await BoundedFanOut.Run(spec.Halls.Where(h => changedHalls?.Contains(h.Id) ?? true), ConfigureWindow, h => grains.Reference<IHallGrain>(TwinKeys.Hall(facility, h.Id))
            .Configure(facility, h, racksByHall[h.Id].Select(r => r.Id).ToList(), timing));

        // Racks the facility file no longer declares are taken out of the twin.
        await BoundedFanOut.Run(removed, ConfigureWindow, id => grains.Reference<IRackGrain>(TwinKeys.Rack(facility, id)).Remove());
    }
}
