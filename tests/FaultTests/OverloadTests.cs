using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using TokenFactoryTwin.FaultTests.Infrastructure;
using Xunit.Abstractions;

namespace TokenFactoryTwin.FaultTests;

public sealed class OverloadTests(ITestOutputHelper output)
{
    private const int Burst = 400;

    [Fact]
    public async Task A_burst_beyond_capacity_gets_429_with_retry_after_memory_stays_bounded_and_service_recovers()
    {
        // A small capacity, so a burst from one test process overloads it on any machine.
        await using var twin = new TwinDeployment(new Dictionary<string, string>
        {
            ["Twin__Backpressure__MaxConcurrentWrites"] = "4",
            ["Twin__Backpressure__MaxQueuedWrites"] = "8",
            ["Twin__RateLimit__PermitsPerWindow"] = "100000",
        });
        var facilityFile = LiveFacilityFile.Write(twin.Folder, declaredRacks: 2);
        await twin.Redis.Start();
        await twin.StartSilo(facilityFile: facilityFile);
        await twin.StartGateway("drill");
        var memoryBefore = ResidentMegabytes(twin.Gateway!.Pid);

        // A burst of large batches at once: 400 requests of 64 GPUs' samples each, all in flight together.
        var body = new
        {
            samples = Enumerable.Range(0, 64).Select(i => new
            {
                host = LiveFacilityFile.Host(1 + i / 32, 1 + i % 32 / 8),
                gpuIndex = i % 8,
                timestamp = DateTimeOffset.UtcNow,
                powerW = 500.0,
            }).ToArray(),
        };
        var clock = Stopwatch.StartNew();
        var answers = await Task.WhenAll(Enumerable.Range(0, Burst).Select(async _ =>
        {
            using var response = await twin.Http.PostAsJsonAsync(new Uri(twin.GatewayUrl, "/api/telemetry"), body);
            return (response.StatusCode, RetryAfter: response.Headers.RetryAfter?.Delta);
        }));
        var burstTime = clock.Elapsed;
        var memoryPeak = ResidentMegabytes(twin.Gateway.Pid);

        var refused = answers.Count(a => a.StatusCode == HttpStatusCode.TooManyRequests);
        var accepted = answers.Count(a => a.StatusCode == HttpStatusCode.OK);
        Assert.Equal(Burst, refused + accepted);
        Assert.True(refused > 0, "a burst beyond capacity was not refused");
        Assert.True(accepted >= 4 + 8, "not even the capacity was served");
        Assert.All(answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests), a => Assert.True(a.RetryAfter >= TimeSpan.FromSeconds(1)));

        // Recovery: as soon as the burst is over, a write goes through by itself.
        var recovery = Stopwatch.StartNew();
        HttpStatusCode after = default;
        await Eventually.Until(async () =>
        {
            using var response = await twin.Http.PostAsJsonAsync(new Uri(twin.GatewayUrl, "/api/telemetry"), body);
            return (after = response.StatusCode) == HttpStatusCode.OK;
        }, TimeSpan.FromSeconds(10), "a write accepted after the burst");
        output.WriteLine($"burst of {Burst}: {accepted} accepted, {refused} refused with 429 in {burstTime.TotalSeconds:0.0} s; " +
            $"gateway memory {memoryBefore:0} MB before, {memoryPeak:0} MB after; accepted again after {recovery.Elapsed.TotalMilliseconds:0} ms");
        Assert.True(memoryPeak - memoryBefore < 300, $"gateway memory grew by {memoryPeak - memoryBefore:0} MB");
    }

    private static double ResidentMegabytes(int pid)
    {
        var status = File.ReadAllLines($"/proc/{pid}/status").Single(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return double.Parse(status.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024;
    }
}
