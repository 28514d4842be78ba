using TokenFactoryTwin.Abstractions.Ingest;
using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Domain.Catalog;
using TokenFactoryTwin.Domain.Facilities;

namespace TokenFactoryTwin.UnitTests.Facilities;

/// <summary>Racks join a running facility all or none: a name the twin holds is a clash, a rack that does not fit is invalid.</summary>
public sealed class RackRegistrationChecksTests
{
    private static readonly TwinCatalog Catalog = CatalogLoader.BuiltIn;
    private static readonly FacilitySpec Facility = FacilityFile.LoadDefault(Catalog);
    private static readonly Dictionary<string, HostAssignment> NoHosts = new(StringComparer.Ordinal);

    private static RackSpec Gb300(string id, int row = 90, int position = 1, string powerA = "bw-h2-r1-a", params string[] hosts) =>
        new(id, "hall-2", "gb300-nvl72", row, position, powerA, "bw-h2-r1-b",
            new TelemetrySourceSpec(TelemetrySourceKinds.Live, [.. hosts.Select(h => new HostSpec(h, 4))]));

    [Fact]
    public void Racks_that_fit_are_accepted()
    {
        var result = RackRegistrationChecks.Check(Facility, NoHosts, [Gb300("v-1", position: 1), Gb300("v-2", position: 2)], Catalog);

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void An_id_the_facility_holds_is_a_clash()
    {
        var result = RackRegistrationChecks.Check(Facility, NoHosts, [Gb300("v-1"), Gb300(Facility.Racks[0].Id, position: 2)], Catalog);

        Assert.True(result.Conflict);
        Assert.Equal([$"rack '{Facility.Racks[0].Id}' exists already"], result.Problems);
    }

    [Fact]
    public void The_same_id_twice_in_one_list_is_a_clash()
    {
        var result = RackRegistrationChecks.Check(Facility, NoHosts, [Gb300("v-1", position: 1), Gb300("v-1", position: 2)], Catalog);

        Assert.True(result.Conflict);
        Assert.Equal(["rack 'v-1' exists already"], result.Problems);
    }

    [Fact]
    public void A_host_another_rack_holds_is_a_clash()
    {
        var hosts = new Dictionary<string, HostAssignment>(StringComparer.Ordinal) { ["node-7"] = new(Facility.Id, "h2-live", 0, 4) };

        var result = RackRegistrationChecks.Check(Facility, hosts, [Gb300("v-1", hosts: ["node-7"])], Catalog);

        Assert.True(result.Conflict);
        Assert.Equal(["host 'node-7' already belongs to rack 'h2-live'"], result.Problems);
    }

    [Fact]
    public void Two_new_racks_listing_one_host_clash()
    {
        var result = RackRegistrationChecks.Check(Facility, NoHosts,
            [Gb300("v-1", position: 1, hosts: ["node-1"]), Gb300("v-2", position: 2, hosts: ["node-1"])], Catalog);

        Assert.True(result.Conflict);
        Assert.Equal(["host 'node-1' already belongs to rack 'v-1'"], result.Problems);
    }

    [Fact]
    public void A_place_already_taken_and_an_unknown_power_node_are_invalid_and_both_named()
    {
        var taken = Facility.Racks.First(r => r.Hall == "hall-2");

        var result = RackRegistrationChecks.Check(Facility, NoHosts,
            [Gb300("v-1", taken.Row, taken.Position), Gb300("v-2", powerA: "bw-nowhere")], Catalog);

        Assert.False(result.Succeeded);
        Assert.False(result.Conflict);
        Assert.Contains(result.Problems, p => p == $"rack 'v-1': hall 'hall-2' row {taken.Row} position {taken.Position} is already taken");
        Assert.Contains(result.Problems, p => p.Contains("powerA 'bw-nowhere' is not a power node"));
    }

    [Fact]
    public void Two_new_racks_in_one_place_are_invalid()
    {
        var result = RackRegistrationChecks.Check(Facility, NoHosts, [Gb300("v-1"), Gb300("v-2")], Catalog);

        Assert.Equal(["rack 'v-2': hall 'hall-2' row 90 position 1 is already taken"], result.Problems);
    }

    [Fact]
    public void The_hosts_of_new_racks_are_listed_once_each()
    {
        var hosts = RackRegistrationChecks.HostsOf([Gb300("v-1", hosts: ["a", "b"]), Gb300("v-2", hosts: ["b", "c"])]);

        Assert.Equal(["a", "b", "c"], hosts);
    }
}
