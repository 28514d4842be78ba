using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TokenFactoryTwin.FaultTests.Infrastructure;
using Xunit.Abstractions;

namespace TokenFactoryTwin.FaultTests;

public sealed class SiloCrashDuringReplayTests(ITestOutputHelper output)
{
    private const int Ticks = 30;

    [Fact]
    public async Task A_silo_killed_mid_replay_loses_nothing_and_counts_nothing_twice()
    {
        // Stale only after 20 periods (10 s), so the final figures can be read after the replay ends.
        await using var twin = new TwinDeployment(new Dictionary<string, string> { ["Twin__StalePeriods"] = "20" });
        var facilityFile = LiveFacilityFile.Write(twin.Folder, declaredRacks: 3);
        await twin.Redis.Start();
        var silos = new[] { await StartSilo(twin, facilityFile), await StartSilo(twin, facilityFile) };
        await twin.StartGateway("drill");

        // One more rack registered at run time and a scenario: both must survive the crash.
        using (var registered = await twin.Http.PostAsJsonAsync(new Uri(twin.GatewayUrl, "/api/racks"), LiveFacilityFile.Rack(4)))
        {
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        }

        using var scenario = await twin.Http.PostAsJsonAsync(new Uri(twin.GatewayUrl, "/api/scenarios"), new { name = "kept" });
        Assert.Equal(HttpStatusCode.Created, scenario.StatusCode);
        var scenarioId = (await scenario.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var replay = new TelemetryReplay(twin, [1, 2, 3, 4]);
        for (var tick = 0; tick < Ticks; tick++)
        {
            if (tick == Ticks / 2)
            {
                output.WriteLine($"killing silo {silos[1].SiloPort} (pid {silos[1].Process.Pid}) after tick {tick}");
                silos[1].Process.Kill();
            }

            await replay.SendTick();
            await Task.Delay(150);
        }

        // Independent expectation from the last two acknowledged ticks: each GPU's counters rose by the fixed steps.
        var last = replay.Ticks[^1];
        var interval = (last.ToUnixTimeMilliseconds() - replay.Ticks[^2].ToUnixTimeMilliseconds()) / 1000.0;
        var perGpu = (TelemetryReplay.PromptStep + TelemetryReplay.GenerationStep) / interval;
        var gpusPerRack = LiveFacilityFile.HostsPerRack * LiveFacilityFile.GpusPerHost;
        var expectedFacility = 4 * gpusPerRack * perGpu;
        var facility = await Eventually.Get(async () => await twin.Get("/api/facility"),
            f => f.GetProperty("gpusReporting").GetInt32() == 4 * gpusPerRack && Math.Abs(f.GetProperty("tokensPerSecond").GetDouble() - expectedFacility) < 1e-6 * expectedFacility,
            TimeSpan.FromSeconds(20), "the facility's final figures");

        for (var rack = 1; rack <= 4; rack++)
        {
            var detail = await twin.Get($"/api/racks/{LiveFacilityFile.RackId(rack)}");
            Assert.Equal(gpusPerRack * perGpu, detail.GetProperty("rack").GetProperty("tokensPerSecond").GetDouble(), 6);
            var gpus = detail.GetProperty("gpus").EnumerateArray().ToList();
            for (var host = 1; host <= LiveFacilityFile.HostsPerRack; host++)
            {
                for (var gpu = 0; gpu < LiveFacilityFile.GpusPerHost; gpu++)
                {
                    var status = gpus[(host - 1) * LiveFacilityFile.GpusPerHost + gpu];
                    Assert.Equal(TelemetryReplay.PowerW(rack, host, gpu, Ticks - 1), status.GetProperty("powerW").GetDouble(), 9);
                    Assert.Equal(perGpu, status.GetProperty("tokensPerSecond").GetDouble(), 6);
                }
            }
        }

        var topology = await twin.Get("/api/topology");
        Assert.Equal(4, topology.GetProperty("racks").GetArrayLength());
        Assert.Equal("kept", (await twin.Get($"/api/scenarios/{scenarioId}")).GetProperty("name").GetString());
        output.WriteLine($"{Ticks} ticks of {4 * gpusPerRack} GPUs; {replay.Refused} requests refused or unanswered and re-sent; " +
            $"longest gap in service {replay.LongestGap.TotalSeconds:0.0} s; facility {facility.GetProperty("tokensPerSecond").GetDouble():0} tokens/s, expected {expectedFacility:0}");
    }

    private static Task<SiloProcess> StartSilo(TwinDeployment twin, string facilityFile) =>
        twin.StartSilo(facilityFile: facilityFile);
}
