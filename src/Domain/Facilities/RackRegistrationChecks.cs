using TokenFactoryTwin.Abstractions.Ingest;
using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Domain.Catalog;

namespace TokenFactoryTwin.Domain.Facilities;

/// <summary>
/// Whether racks may join a running facility, all of them or none: an id or a host that exists already is a clash
/// (it names something the twin holds), a rack that does not fit the facility (unknown hall, rack type or power node,
/// a place already taken …) is invalid. Pure, so the refusal the API answers is tested without a cluster.
/// </summary>
public static class RackRegistrationChecks
{
    /// <param name="facility">The topology the twin runs now.</param>
    /// <param name="hosts">Where the facility's hosts sit now (<see cref="HostAssignments.Index"/>).</param>
    /// <param name="racks">The racks to add.</param>
    /// <param name="catalog">The catalog their rack types must come from.</param>
    public static TwinCommandResult Check(
        FacilitySpec facility, IReadOnlyDictionary<string, HostAssignment> hosts, IReadOnlyList<RackSpec> racks, TwinCatalog catalog)
    {
        var existing = facility.Racks.Select(r => r.Id).ToHashSet();
        var clash = racks.Select(r => r.Id).FirstOrDefault(existing.Contains)
            ?? racks.GroupBy(r => r.Id).Where(g => g.Count() > 1).Select(g => g.Key).FirstOrDefault();
        if (clash is not null)
        {
            return TwinCommandResult.Clash($"rack '{clash}' exists already");
        }

        if (HostClash(hosts, racks) is { } hostClash)
        {
            return TwinCommandResult.Clash(hostClash);
        }

        var candidate = facility with { Racks = [.. facility.Racks, .. racks] };
        var problems = racks.SelectMany(r => FacilityValidator.ValidateRack(r, candidate, catalog)).ToList();
        var taken = facility.Racks.Select(r => (r.Hall, r.Row, r.Position)).ToHashSet();
        problems.AddRange(racks.Where(r => !taken.Add((r.Hall, r.Row, r.Position)))
            .Select(r => $"rack '{r.Id}': hall '{r.Hall}' row {r.Row} position {r.Position} is already taken"));
        return problems.Count > 0 ? TwinCommandResult.Invalid(problems) : TwinCommandResult.Ok;
    }

    /// <summary>The host names the racks list, each once: registered, they are no longer unknown sources.</summary>
    public static IReadOnlyList<string> HostsOf(IReadOnlyList<RackSpec> racks) =>
        racks.SelectMany(r => r.Source?.Hosts ?? []).Select(h => h.Hostname).OfType<string>().Distinct(StringComparer.Ordinal).ToList();

    /// <summary>A host feeds one rack: its GPUs cannot sit in two racks' slots.</summary>
    private static string? HostClash(IReadOnlyDictionary<string, HostAssignment> hosts, IReadOnlyList<RackSpec> racks)
    {
        var claimed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var rack in racks)
        {
            foreach (var host in rack.Source?.Hosts ?? [])
            {
                if (host.Hostname is null)
                {
                    continue;
                }

                var owner = hosts.TryGetValue(host.Hostname, out var held) ? held.RackId : claimed.GetValueOrDefault(host.Hostname);
                if (owner is not null && owner != rack.Id)
                {
                    return $"host '{host.Hostname}' already belongs to rack '{owner}'";
                }

                claimed[host.Hostname] = rack.Id;
            }
        }

        return null;
    }
}
