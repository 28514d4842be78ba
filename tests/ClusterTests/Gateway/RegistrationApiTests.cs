using System.Net;
using System.Net.Http.Json;
using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Abstractions.Ingest;
using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.ClusterTests.Infrastructure;

namespace TokenFactoryTwin.ClusterTests.Gateway;

[Collection(TwinClusterCollection.Name)]
public sealed class RegistrationApiTests(TwinClusterFixture fixture)
{
    [Fact]
    public async Task A_registered_live_rack_joins_the_twin_and_its_host_maps_to_its_slots()
    {
        await using var twin = await LiveTwin.Start(fixture);

        var response = await twin.Http.PostAsync("/api/racks", JsonContent.Create(LiveTwin.RackBody()));

        var body = await LiveTwin.Json(response, HttpStatusCode.Created);
        Assert.Equal("/api/racks/live-01", response.Headers.Location!.OriginalString);
        Assert.Equal("live", body.GetProperty("source").GetProperty("kind").GetString());
        var topology = (await twin.Topology.GetTopology())!;
        var rack = topology.Racks.Single(r => r.Id == LiveTwin.LiveRack);
        Assert.Equal(TelemetrySourceKinds.Live, rack.Source.Kind);
        Assert.Equal(LiveTwin.Host, rack.Source.Hosts![0].Hostname);
        var snapshot = await Eventually.Get(() => twin.Rack().GetSnapshot(), s => s is not null, what: "the new rack to report");
        Assert.Equal(32, snapshot!.Gpus);
        var read = await LiveTwin.Json(await twin.Http.GetAsync("/api/racks/live-01"));
        Assert.Equal(32, read.GetProperty("gpus").GetArrayLength());
    }

    [Fact]
    public async Task A_clash_gets_409_and_an_invalid_rack_400_with_every_reason()
    {
        await using var twin = await LiveTwin.Start(fixture);
        await twin.RegisterLiveRack();

        var again = await twin.Http.PostAsync("/api/racks", JsonContent.Create(LiveTwin.RackBody()));
        var declared = await twin.Http.PostAsync("/api/racks", JsonContent.Create(LiveTwin.RackBody(id: "h1-01", host: "other", position: 5)));
        var hostTaken = await twin.Http.PostAsync("/api/racks", JsonContent.Create(LiveTwin.RackBody(id: "live-02", position: 6)));
        var invalid = await twin.Http.PostAsync("/api/racks", JsonContent.Create(new
        {
            id = "bad-1", hall = "hall-9", rackType = "no-such-rack", row = 1, position = 1, powerA = "nowhere",
            source = new { kind = "live", hosts = new[] { new { hostname = "h", gpus = 0 } } },
        }));
        var malformed = await twin.Http.PostAsync("/api/racks", new StringContent("{ \"id\": ", System.Text.Encoding.UTF8, "application/json"));

        Assert.Contains("exists already", (await LiveTwin.Json(again, HttpStatusCode.Conflict)).GetProperty("detail").GetString());
        await LiveTwin.Json(declared, HttpStatusCode.Conflict);
        Assert.Contains("belongs to rack 'live-01'", (await LiveTwin.Json(hostTaken, HttpStatusCode.Conflict)).GetProperty("detail").GetString());
        var problems = (await LiveTwin.Json(invalid, HttpStatusCode.BadRequest)).GetProperty("problems").EnumerateArray().Select(p => p.GetString()!).ToList();
        Assert.Contains(problems, p => p.Contains("hall-9"));
        Assert.Contains(problems, p => p.Contains("no-such-rack"));
        await LiveTwin.Json(malformed, HttpStatusCode.BadRequest);
        Assert.Equal(2, (await twin.Topology.GetTopology())!.Racks.Count);
    }

    [Fact]
    public async Task A_list_of_racks_registers_in_one_step_and_a_host_claimed_twice_registers_none()
    {
        await using var twin = await LiveTwin.Start(fixture);
        var racks = Enumerable.Range(1, 40).Select(i => LiveTwin.RackBody(id: $"live-{i:d2}", host: $"node-{i:d2}", position: i)).ToList();
        var clashing = new[] { LiveTwin.RackBody(id: "live-91", host: "node-91", position: 91), LiveTwin.RackBody(id: "live-92", host: "node-91", position: 92) };

        var created = await twin.Http.PostAsync("/api/racks", JsonContent.Create(racks));
        var clash = await twin.Http.PostAsync("/api/racks", JsonContent.Create(clashing));
        var taken = await twin.Http.PostAsync("/api/racks", JsonContent.Create(new[] { LiveTwin.RackBody(id: "live-93", host: "node-07", position: 93) }));

        var body = await LiveTwin.Json(created, HttpStatusCode.Created);
        Assert.Equal(40, body.GetArrayLength());
        Assert.Contains("host 'node-91' already belongs to rack 'live-91'", (await LiveTwin.Json(clash, HttpStatusCode.Conflict)).GetProperty("detail").GetString());
        Assert.Contains("belongs to rack 'live-07'", (await LiveTwin.Json(taken, HttpStatusCode.Conflict)).GetProperty("detail").GetString());
        var topology = (await twin.Topology.GetTopology())!;
        Assert.Equal(41, topology.Racks.Count);
        Assert.DoesNotContain(topology.Racks, r => r.Id is "live-91" or "live-92" or "live-93");
        var host = await fixture.Grains.GetGrain<IHostGrain>(TwinKeys.Host(twin.FacilityId, "node-40")).GetAssignment();
        Assert.Equal(new HostAssignment(twin.FacilityId, "live-40", 0, 8), host);
        await Eventually.Get(twin.Facility.GetRacks, r => r.Count == 41, what: "the forty registered racks reporting");
    }

    [Fact]
    public async Task Delete_removes_a_registered_rack_and_frees_its_host()
    {
        await using var twin = await LiveTwin.Start(fixture);
        await twin.RegisterLiveRack();

        var deleted = await twin.Http.DeleteAsync("/api/racks/live-01");
        var again = await twin.Http.DeleteAsync("/api/racks/live-01");
        var declared = await twin.Http.DeleteAsync("/api/racks/h1-01");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await LiveTwin.Json(again, HttpStatusCode.NotFound);
        await LiveTwin.Json(declared, HttpStatusCode.Conflict);
        Assert.DoesNotContain((await twin.Topology.GetTopology())!.Racks, r => r.Id == LiveTwin.LiveRack);
        var reply = await LiveTwin.Json(await twin.PostPrometheus(Captures.Text(Captures.Dcgm8xH100)));
        Assert.Equal(0, reply.GetProperty("accepted").GetInt32());
        // The host is free again: another rack may take it.
        var other = await twin.Http.PostAsync("/api/racks", JsonContent.Create(LiveTwin.RackBody(id: "live-02", position: 3)));
        await LiveTwin.Json(other, HttpStatusCode.Created);
    }

    [Fact]
    public async Task An_inference_endpoint_must_name_GPUs_the_twin_has()
    {
        await using var twin = await LiveTwin.Start(fixture);
        await twin.RegisterLiveRack();

        var bad = await twin.Http.PutAsync("/api/endpoints/x", JsonContent.Create(new { gpus = new[] { "live-01-g40", "nope-g0", "zzz" } }));
        var empty = await twin.Http.PutAsync("/api/endpoints/x", JsonContent.Create(new { gpus = Array.Empty<string>() }));
        var good = await twin.Http.PutAsync("/api/endpoints/x", JsonContent.Create(new { gpus = new[] { "live-01-g0" } }));

        Assert.Equal(3, (await LiveTwin.Json(bad, HttpStatusCode.BadRequest)).GetProperty("problems").GetArrayLength());
        await LiveTwin.Json(empty, HttpStatusCode.BadRequest);
        await LiveTwin.Json(good);
        var read = await LiveTwin.Json(await twin.Http.GetAsync("/api/endpoints/x"));
        Assert.Equal("live-01-g0", read.GetProperty("gpus")[0].GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await twin.Http.DeleteAsync("/api/endpoints/x")).StatusCode);
        await LiveTwin.Json(await twin.Http.GetAsync("/api/endpoints/x"), HttpStatusCode.NotFound);
    }
}
