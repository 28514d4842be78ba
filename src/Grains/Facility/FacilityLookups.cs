using TokenFactoryTwin.Abstractions.Ingest;
using TokenFactoryTwin.Abstractions.Kpis;
using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Domain.Catalog;
using TokenFactoryTwin.Domain.Facilities;
using TokenFactoryTwin.Grains.Network;

namespace TokenFactoryTwin.Grains.Facility;

/// <summary>
/// What the facility looks up in its topology, each indexed on first use: where a host sits, a link's spec, a rack's
/// spec and links, a rack's uplink capacity. Most hosts may never ask; every rack asks once per activation.
/// </summary>
internal sealed class FacilityLookups
{
    private FacilitySpec? _spec;
    private Dictionary<string, HostAssignment>? _hosts;
    private Dictionary<string, NetworkLinkSpec>? _links;
    private Dictionary<string, double>? _uplinkCapacityByRack;
    private Dictionary<string, RackSpec>? _racks;
    private ILookup<string, string>? _linksByRack;
    private Dictionary<string, RackConfig>? _rackConfigs;

    /// <summary>Where each host of a live rack sits, by host name.</summary>
    public Dictionary<string, HostAssignment> Hosts =>
        _hosts ??= _spec is { } spec ? HostAssignments.Index(spec) : new Dictionary<string, HostAssignment>(StringComparer.Ordinal);

    /// <summary>The topology changed: its links are indexed again when next used.</summary>
    /// <param name="spec">The topology the twin runs now.</param>
    /// <param name="keepHosts">
    /// Whether the host index stays, kept up to date by <see cref="Registered"/> and <see cref="Removed"/>: rebuilding it
    /// for each of a thousand registrations would cost a thousand builds.
    /// </param>
    public void Reindex(FacilitySpec? spec, bool keepHosts)
    {
        _spec = spec;
        _links = null;
        _uplinkCapacityByRack = null;
        _racks = null;
        _linksByRack = null;
        _rackConfigs = null;
        if (!keepHosts)
        {
            _hosts = null;
        }
    }

    public void Registered(IEnumerable<RackSpec> racks)
    {
        if (_hosts is null || _spec is null)
        {
            return;
        }

        foreach (var (host, assignment) in racks.SelectMany(r => HostAssignments.Of(_spec.Id, r)))
        {
            _hosts.TryAdd(host, assignment);
        }
    }

    public void Removed(RackSpec rack)
    {
        if (_hosts is null || _spec is null)
        {
            return;
        }

        foreach (var (host, _) in HostAssignments.Of(_spec.Id, rack))
        {
            if (_hosts.GetValueOrDefault(host)?.RackId == rack.Id)
            {
                _hosts.Remove(host);
            }
        }
    }

    /// <summary>
    /// A rack's configuration, made once per topology and kept: every rack asks for its own when it activates, and a
    /// start compares them with the previous topology's. Null if the topology has no such rack.
    /// </summary>
    public RackConfig? RackConfig(string rackId, TwinCatalog catalog, TwinTiming timing)
    {
        if (_spec is not { } spec)
        {
            return null;
        }

        if (_rackConfigs?.GetValueOrDefault(rackId) is { } known)
        {
            return known;
        }

        _racks ??= spec.Racks.ToDictionary(r => r.Id, StringComparer.Ordinal);
        if (!_racks.TryGetValue(rackId, out var rack))
        {
            return null;
        }

        _linksByRack ??= spec.Links.ToLookup(l => l.Rack, l => l.Id, StringComparer.Ordinal);
        _rackConfigs ??= new Dictionary<string, RackConfig>(StringComparer.Ordinal);
        // What a rack runs on: its spec, resolved against the catalog, with its links and the twin's timing.
        return _rackConfigs[rackId] = new RackConfig(spec.Id, rack, RackProfiles.Resolve(rack, catalog), timing, [.. _linksByRack[rackId]]);
    }

    public NetworkLinkSpec? Link(string linkId)
    {
        _links ??= _spec?.Links.ToDictionary(l => l.Id, StringComparer.Ordinal) ?? new Dictionary<string, NetworkLinkSpec>(StringComparer.Ordinal);
        return _links.GetValueOrDefault(linkId);
    }

    /// <summary>Every link's figures from racks already gathered: a rack's uplink traffic shared over its links by capacity.</summary>
    public List<NetworkLinkStatus> Links(IReadOnlyList<RackSnapshot> racks)
    {
        if (_spec is not { } spec)
        {
            return [];
        }

        var byId = racks.ToDictionary(r => r.RackId);
        _uplinkCapacityByRack ??= spec.Links.GroupBy(l => l.Rack).ToDictionary(g => g.Key, g => g.Sum(l => l.CapacityGbps * l.Count));
        return spec.Links.Select(l => LinkStatuses.From(l, byId.GetValueOrDefault(l.Rack), _uplinkCapacityByRack[l.Rack])).ToList();
    }
}
