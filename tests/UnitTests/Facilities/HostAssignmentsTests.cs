using TokenFactoryTwin.Abstractions.Ingest;
using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Domain.Facilities;

namespace TokenFactoryTwin.UnitTests.Facilities;

/// <summary>A host's place follows from the topology alone: its live rack, and slots after the hosts listed before it.</summary>
public sealed class HostAssignmentsTests
{
    private static RackSpec Rack(string id, string kind, params HostSpec[] hosts) =>
        new(id, "hall-1", "hgx-h100-4x", 1, 1, "bw-1a", "bw-1b", new TelemetrySourceSpec(kind, hosts));

    private static FacilitySpec Facility(params RackSpec[] racks) =>
        new("site", "Site", [new HallSpec("hall-1", "Hall 1", "air", 1.3)], [], racks, [], [], new CostModelSpec());

    [Fact]
    public void Hosts_fill_their_racks_slots_in_the_order_listed()
    {
        var index = HostAssignments.Index(Facility(
            Rack("r1", TelemetrySourceKinds.Live, new HostSpec("a", 8), new HostSpec("b", 4), new HostSpec("c", 8)),
            Rack("r2", TelemetrySourceKinds.Live, new HostSpec("d", 8))));

        Assert.Equal(new HostAssignment("site", "r1", 0, 8), index["a"]);
        Assert.Equal(new HostAssignment("site", "r1", 8, 4), index["b"]);
        Assert.Equal(new HostAssignment("site", "r1", 12, 8), index["c"]);
        Assert.Equal(new HostAssignment("site", "r2", 0, 8), index["d"]);
    }

    [Fact]
    public void A_simulated_racks_hosts_are_nobodys()
    {
        var index = HostAssignments.Index(Facility(Rack("r1", TelemetrySourceKinds.Simulated, new HostSpec("a", 8))));

        Assert.Empty(index);
    }

    [Fact]
    public void A_host_listed_by_two_racks_belongs_to_the_first()
    {
        var index = HostAssignments.Index(Facility(
            Rack("r1", TelemetrySourceKinds.Live, new HostSpec("a", 8)),
            Rack("r2", TelemetrySourceKinds.Live, new HostSpec("x", 4), new HostSpec("a", 8))));

        Assert.Equal("r1", index["a"].RackId);
        Assert.Equal(2, index.Count);
    }
}
