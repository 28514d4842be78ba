using Microsoft.Data.Sqlite;
using Orleans.Core.Internal;
using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Abstractions.Ingest;
using TokenFactoryTwin.Abstractions.Telemetry;
using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.ClusterTests.Infrastructure;

namespace TokenFactoryTwin.ClusterTests.Grains;

/// <summary>
/// A declared facility of hundreds of live racks starts on the SQLite store and serves every rack; racks take their
/// configuration from the facility, whenever they wake. (How fast is for the benchmarks; these check that it is whole
/// and right.)
/// </summary>
[Collection(TwinClusterCollection.Name)]
public sealed class LiveFacilityStartTests(TwinClusterFixture fixture)
{
    [Fact]
    public async Task A_facility_of_hundreds_of_live_racks_starts_and_serves_every_rack()
    {
        var id = TestFacilities.NewId("live");
        var spec = TestFacilities.LiveRows(id, racks: 300);
        var facility = fixture.Grains.GetGrain<IFacilityKpiGrain>(TwinKeys.Facility(id));
        var topology = fixture.Grains.GetGrain<IFacilityTopologyGrain>(TwinKeys.Facility(id));

        await topology.Start(spec, TestFacilities.FastTiming);

        var racks = await Eventually.Get(facility.GetRacks, r => r.Count == 300, what: "all 300 racks reporting to their hall");
        Assert.Equal(spec.Racks.Select(r => r.Id).Order(), racks.Select(r => r.RackId).Order());
        Assert.All(racks, r => Assert.Equal(TelemetrySourceKinds.Live, r.Source));
        var kpis = await Eventually.Get(facility.GetKpis, k => k.Racks == 300, what: "the facility counting every rack");
        Assert.Equal(300 * 72, kpis.Gpus);
        Assert.Equal(300, (await facility.GetLinks()).Count);
    }

    [Fact]
    public async Task Hosts_and_links_take_their_part_of_the_topology_when_first_asked()
    {
        var id = TestFacilities.NewId("live");
        await fixture.Grains.GetGrain<IFacilityTopologyGrain>(TwinKeys.Facility(id)).Start(TestFacilities.LiveRows(id, racks: 40), TestFacilities.FastTiming);

        // The last host of the last rack: slots 68..71 of rack r02-20.
        var host = await fixture.Grains.GetGrain<IHostGrain>(TwinKeys.Host(id, "r02-20-n17")).GetAssignment();
        var unknown = await fixture.Grains.GetGrain<IHostGrain>(TwinKeys.Host(id, "r09-01-n00")).GetAssignment();
        var link = await fixture.Grains.GetGrain<INetworkLinkGrain>(TwinKeys.NetworkLink(id, "up-r02-20")).GetStatus();
        var noLink = await fixture.Grains.GetGrain<INetworkLinkGrain>(TwinKeys.NetworkLink(id, "up-r09-01")).GetStatus();

        Assert.Equal(new HostAssignment(id, "r02-20", 68, 4), host);
        Assert.Null(unknown);
        Assert.NotNull(link);
        Assert.Equal(("r02-20", "spine-1", 72), (link.Rack, link.Spine, link.Count));
        Assert.Null(noLink);
    }

    [Fact]
    public async Task Starts_write_no_rack_and_a_changed_rack_runs_its_new_configuration()
    {
        var (id, spec, topology) = await StartLive(racks: 60);
        await topology.Start(spec, TestFacilities.FastTiming);
        await topology.Start(WithNewWorkload(spec, "r02-05"), TestFacilities.FastTiming);

        // Racks keep no copy of their configuration: the facility's state holds it, and racks ask for theirs.
        Assert.Empty(RackETags(id));
        Assert.Equal(new WorkloadSpec("deepseek-r1-0528"), (await Detail(id, "r02-05")).Spec.Workload);
        Assert.Equal("article-dsr1-gb300", (await Detail(id, "r02-04")).Spec.Workload?.OperatingPoint);
    }

    [Fact]
    public async Task A_rack_asleep_while_the_file_changed_runs_its_new_configuration_after_the_restart()
    {
        var (id, spec, topology) = await StartLive(racks: 4);
        var rack = fixture.Grains.GetGrain<IRackGrain>(TwinKeys.Rack(id, "r01-02"));
        var before = await Detail(id, "r01-02");
        await rack.Cast<IGrainManagementExtension>().DeactivateOnIdle();

        // Its workload changed while it slept (no operating point named now): the restart gives it the new one.
        await topology.Start(WithNewWorkload(spec, "r01-02"), TestFacilities.FastTiming);

        Assert.Equal("article-dsr1-gb300", before.Spec.Workload?.OperatingPoint);
        Assert.Equal(new WorkloadSpec("deepseek-r1-0528"), (await Detail(id, "r01-02")).Spec.Workload);
    }

    [Fact]
    public async Task Telemetry_for_a_rack_of_a_facility_not_started_yet_is_refused_then_accepted_once_it_is()
    {
        var id = TestFacilities.NewId("live");
        var rack = fixture.Grains.GetGrain<IRackGrain>(TwinKeys.Rack(id, "r01-01"));
        GpuSampleBatch Sample() => GpuSampleBatch.Of([new GpuSample(0, DateTimeOffset.UtcNow, PowerW: 700)]);

        var early = await rack.Ingest(Sample());
        await fixture.Grains.GetGrain<IFacilityTopologyGrain>(TwinKeys.Facility(id)).Start(TestFacilities.LiveRows(id, racks: 2), TestFacilities.FastTiming);
        var late = await rack.Ingest(Sample());

        Assert.Equal((0, 1), (early.Accepted, early.Rejected));
        Assert.Contains("not registered", Assert.Single(early.Errors).Reason);
        Assert.Equal((1, 0), (late.Accepted, late.Rejected));
    }

    private async Task<(string Id, FacilitySpec Spec, IFacilityTopologyGrain Topology)> StartLive(int racks)
    {
        var id = TestFacilities.NewId("live");
        var spec = TestFacilities.LiveRows(id, racks);
        var topology = fixture.Grains.GetGrain<IFacilityTopologyGrain>(TwinKeys.Facility(id));
        await topology.Start(spec, TestFacilities.FastTiming);
        return (id, spec, topology);
    }

    /// <summary>The file with one rack's workload changed: the model alone, no longer the article's operating point.</summary>
    private static FacilitySpec WithNewWorkload(FacilitySpec spec, string rackId) =>
        spec with { Racks = [.. spec.Racks.Select(r => r.Id == rackId ? r with { Workload = new WorkloadSpec("deepseek-r1-0528") } : r)] };

    private async Task<Abstractions.Kpis.RackDetail> Detail(string facilityId, string rackId) =>
        await fixture.Grains.GetGrain<IRackGrain>(TwinKeys.Rack(facilityId, rackId)).GetDetail()
        ?? throw new InvalidOperationException($"rack {rackId} has no configuration");

    /// <summary>Each rack's stored ETag, read straight from the store's file: it changes exactly when the rack is written.</summary>
    private static Dictionary<string, string> RackETags(string facilityId)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(TwinClusterFixture.DataDirectory, "twin.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT grain_id, etag FROM grain_state WHERE state_name = 'rack' AND grain_id LIKE $prefix";
        command.Parameters.AddWithValue("$prefix", $"rack/{facilityId}/%");
        using var reader = command.ExecuteReader();
        var etags = new Dictionary<string, string>();
        while (reader.Read())
        {
            etags[TwinKeys.LocalId(reader.GetString(0)["rack/".Length..])] = reader.GetString(1);
        }

        return etags;
    }
}
