using TokenFactoryTwin.Abstractions.Ingest;
using TokenFactoryTwin.Abstractions.Topology;

namespace TokenFactoryTwin.Domain.Facilities;

/// <summary>
/// Where each host of a facility's live racks sits: its rack and its slots, host 1's GPUs first in the order the rack
/// lists its hosts. It follows from the topology alone, so a host looks it up when first used instead of every host
/// being told at configuration (a gigawatt facility has 133,200 hosts in its 7,400 live racks).
/// </summary>
public static class HostAssignments
{
    /// <summary>Every live rack's hosts by host name; a host listed by two racks belongs to the first.</summary>
    public static Dictionary<string, HostAssignment> Index(FacilitySpec facility)
    {
        var index = new Dictionary<string, HostAssignment>(StringComparer.Ordinal);
        foreach (var rack in facility.Racks)
        {
            foreach (var assignment in Of(facility.Id, rack))
            {
                index.TryAdd(assignment.Host, assignment.Assignment);
            }
        }

        return index;
    }

    /// <summary>A rack's hosts and their slots; none unless the rack is live.</summary>
    public static IEnumerable<(string Host, HostAssignment Assignment)> Of(string facilityId, RackSpec rack)
    {
        if (rack.Source?.Kind != TelemetrySourceKinds.Live)
        {
            yield break;
        }

        var slot = 0;
        foreach (var host in rack.Source.Hosts ?? [])
        {
            yield return (host.Hostname, new HostAssignment(facilityId, rack.Id, slot, host.Gpus));
            slot += host.Gpus;
        }
    }
}
