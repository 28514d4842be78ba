using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Domain.Catalog;
using TokenFactoryTwin.Domain.Facilities;

namespace TokenFactoryTwin.Grains.Facility;

/// <summary>
/// Configures a facility's halls and power nodes from its topology, each of which persists its own part so it can
/// re-activate alone, and wakes its racks, which ask the facility for their configuration when they activate
/// (<see cref="IFacilityTopologyGrain.GetRackConfig"/>). A rack is told its configuration only when it changed, since
/// it may be holding the old one. Hosts and links are not configured: they read their part of the topology when first
/// used.
/// </summary>
/// <remarks>
/// Racks keep no copy of their configuration. A gigawatt's first start used to write 7,400 of them, a ninth of the
/// silo's CPU until its startup line, only for each to be read back on a later activation; the facility's own state
/// already holds every one.
/// </remarks>
internal static class FacilityChildren
{
    /// <summary>Child calls outstanding at once while configuring (see <see cref="BoundedFanOut"/>).</summary>
    private const int ConfigureWindow = 256;

    /// <param name="facility">The facility's id, which scopes every child's key.</param>
    /// <param name="now">The topology the twin runs now.</param>
    /// <param name="configOf">A rack's configuration in it (the facility keeps them: racks ask for the same).</param>
    /// <param name="before">The topology before the change, to find racks that left it or changed.</param>
    /// <param name="racks">The racks to (re)configure; all of them, with every hall and power node, when null (at start).</param>
    public static async Task Configure(
        IGrainFactory grains, TwinCatalog catalog, string facility, FacilityTopology now, Func<RackSpec, RackConfig> configOf,
        FacilityTopology? before, IReadOnlyCollection<RackSpec>? racks)
    {
        var (spec, timing) = now;
        await grains.Reference<ITwinDirectoryGrain>(ITwinDirectoryGrain.Key).Register(facility);
        var removed = before?.Spec.Racks.Select(r => r.Id).Except(spec.Racks.Select(r => r.Id)).ToList() ?? [];

        // A registration or removal changes its racks' halls only: power nodes are the file's, configured at start.
        var changedHalls = racks is null
            ? null
            : racks.Select(r => r.Hall).Concat(before?.Spec.Racks.Where(r => removed.Contains(r.Id)).Select(r => r.Hall) ?? []).ToHashSet();
        if (racks is null)
        {
            await BoundedFanOut.Run(spec.PowerNodes, ConfigureWindow, n => grains.Reference<IPowerNodeGrain>(TwinKeys.PowerNode(facility, n.Id)).Configure(facility, n, timing));
        }

        var previous = PreviousConfigs(before, catalog);
        await BoundedFanOut.Run(racks ?? spec.Racks, ConfigureWindow, async r =>
        {
            var rack = grains.Reference<IRackGrain>(TwinKeys.Rack(facility, r.Id));
            var old = previous(r.Id);
            var config = racks is null && old is null ? null : configOf(r);
            if (config is null || (racks is null && RackConfigs.Same(old!, config)))
            {
                // New at this start, or unchanged: a waking rack asks for its configuration, an active one holds it.
                await rack.Ping();
                return;
            }

            await rack.Configure(config);
            if (old is not null && !RackConfigs.SameHosts(old, config))
            {
                await AssignHosts(grains, config);
            }
        });

        // Halls after their racks: a hall pings every rack it has not heard from, which would wake racks not yet configured.
        var racksByHall = spec.Racks.ToLookup(r => r.Hall);
        await BoundedFanOut.Run(spec.Halls.Where(h => changedHalls?.Contains(h.Id) ?? true), ConfigureWindow, h => grains.Reference<IHallGrain>(TwinKeys.Hall(facility, h.Id))
            .Configure(facility, h, racksByHall[h.Id].Select(r => r.Id).ToList(), timing));

        // Racks the facility file no longer declares are taken out of the twin.
        await BoundedFanOut.Run(removed, ConfigureWindow, id => grains.Reference<IRackGrain>(TwinKeys.Rack(facility, id)).Remove());
    }

    /// <summary>A rack's configuration in the previous topology, made when asked; null for a rack it did not have.</summary>
    private static Func<string, RackConfig?> PreviousConfigs(FacilityTopology? topology, TwinCatalog catalog)
    {
        if (topology is not var (spec, timing))
        {
            return _ => null;
        }

        var lookups = new FacilityLookups();
        lookups.Reindex(spec, keepHosts: false);
        return id => lookups.RackConfig(id, catalog, timing);
    }

    /// <summary>
    /// A live rack's hosts map their GPUs to its slots in the order it lists them (host 1's GPUs first). Told when a
    /// rack's host list changed: a host that is awake holds its old place until told (a sleeping one asks when woken).
    /// </summary>
    private static async Task AssignHosts(IGrainFactory grains, RackConfig config) =>
        await Task.WhenAll(HostAssignments.Of(config.FacilityId, config.Spec)
            .Select(h => grains.Reference<IHostGrain>(TwinKeys.Host(config.FacilityId, h.Host)).Assign(h.Assignment)));
}
