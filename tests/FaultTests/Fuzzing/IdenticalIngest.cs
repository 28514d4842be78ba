using System.Net.Http.Headers;
using System.Net.Http.Json;
using TokenFactoryTwin.FaultTests.Infrastructure;

namespace TokenFactoryTwin.FaultTests.Fuzzing;

/// <summary>
/// The normal ingest both twins get, byte for byte: every GPU of every live rack, its counters rising by fixed steps,
/// the same timestamps. Whatever the fuzzed twin does with everything else, its racks must end where the control's do.
/// </summary>
public sealed class IdenticalIngest(IReadOnlyList<Uri> gateways, string key, int racks, DateTimeOffset start)
{
    private int _tick;

    /// <summary>Waits until the wall clock reaches the next tick's timestamp, so samples are never from the future.</summary>
    public Task UntilNextTick()
    {
        var wait = start.AddSeconds(_tick) - DateTimeOffset.UtcNow;
        return wait > TimeSpan.Zero ? Task.Delay(wait) : Task.CompletedTask;
    }

    public async Task SendTick(HttpClient http)
    {
        var tick = _tick++;
        var at = start.AddSeconds(tick);
        var samples = new List<object>();
        for (var rack = 1; rack <= racks; rack++)
        {
            for (var host = 1; host <= LiveFacilityFile.HostsPerRack; host++)
            {
                for (var gpu = 0; gpu < LiveFacilityFile.GpusPerHost; gpu++)
                {
                    samples.Add(new
                    {
                        host = LiveFacilityFile.Host(rack, host),
                        gpuIndex = gpu,
                        timestamp = at,
                        powerW = TelemetryReplay.PowerW(rack, host, gpu, tick),
                        promptTokens = TelemetryReplay.PromptStep * (tick + 1) * rack,
                        generationTokens = TelemetryReplay.GenerationStep * (tick + 1),
                    });
                }
            }
        }

        foreach (var gateway in gateways)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(gateway, "/api/telemetry")) { Content = JsonContent.Create(new { samples }) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            using var response = await http.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, $"normal ingest to {gateway}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
