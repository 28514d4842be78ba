using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TokenFactoryTwin.FaultTests.Infrastructure;

/// <summary>
/// Known telemetry for live racks, one tick at a time: every GPU's counters rise by fixed steps each tick and its power
/// is a fixed function of GPU and tick, so the twin's final figures can be computed without the twin. A tick that gets
/// a 5xx (or no answer) is sent again, as a real client would, until it is acknowledged.
/// </summary>
public sealed class TelemetryReplay(TwinDeployment twin, IReadOnlyList<int> racks)
{
    public const double PromptStep = 300;
    public const double GenerationStep = 100;

    private readonly List<DateTimeOffset> _ticks = [];

    public int Resent { get; private set; }

    public int Refused { get; private set; }

    public TimeSpan LongestGap { get; private set; }

    public IReadOnlyList<DateTimeOffset> Ticks => _ticks;

    public static double PowerW(int rack, int host, int gpu, int tick) => 300 + 10 * rack + host + gpu + 0.5 * tick;

    /// <summary>Sends one tick for every GPU of every rack, re-sending until acknowledged.</summary>
    public async Task SendTick()
    {
        var tick = _ticks.Count;
        var at = DateTimeOffset.UtcNow;
        var samples = new List<object>();
        foreach (var rack in racks)
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
                        powerW = PowerW(rack, host, gpu, tick),
                        promptTokens = PromptStep * (tick + 1),
                        generationTokens = GenerationStep * (tick + 1),
                    });
                }
            }
        }

        var failingSince = (DateTime?)null;
        while (true)
        {
            var answer = await Post(new { samples });
            if (answer == HttpStatusCode.OK)
            {
                if (failingSince is { } since && DateTime.UtcNow - since > LongestGap)
                {
                    LongestGap = DateTime.UtcNow - since;
                }

                break;
            }

            Assert.True(answer is null or >= HttpStatusCode.InternalServerError or HttpStatusCode.TooManyRequests, $"tick {tick} refused with {answer}");
            failingSince ??= DateTime.UtcNow;
            Refused++;
            Resent++;
            await Task.Delay(200);
        }

        _ticks.Add(at);
    }

    private async Task<HttpStatusCode?> Post(object body)
    {
        try
        {
            using var response = await twin.Http.PostAsJsonAsync(new Uri(twin.GatewayUrl, "/api/telemetry"), body);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var result = await response.Content.ReadFromJsonAsync<JsonElement>();
                Assert.Equal(0, result.GetProperty("rejected").GetInt32());
            }

            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException)
        {
            return null;
        }
    }
}
