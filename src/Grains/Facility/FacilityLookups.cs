using TokenFactoryTwin.Abstractions.Ingest;
using TokenFactoryTwin.Abstractions.Kpis;
using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Domain.Facilities;
using TokenFactoryTwin.Grains.Network;

namespace TokenFactoryTwin.Grains.Facility;

/// <summary>
/// What the facility looks up in its topology, each indexed on first use: where a host sits, a link's spec, a rack's
/// uplink capacity. A start needs none of them, and most hosts may never ask.
/// </summary>
internal sealed class FacilityLookups
{
    private FacilitySpec? _spec;
    private Dictionary<string, HostAssignment>? _hosts;
    private Dictionary<string, NetworkLinkSpec>? _links;
    private Dictionary<string, double>? _uplinkCapacityByRack;

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
