using System.Net.Http.Json;
using TokenFactoryTwin.Abstractions.Kpis;
using TokenFactoryTwin.Domain.Kpis.History;
using TokenFactoryTwin.FaultTests.Infrastructure;
using Xunit.Abstractions;

namespace TokenFactoryTwin.FaultTests;

/// <summary>
/// The charts' history is stored as it goes: after <c>kill -9</c> of the silo holding the facility, and after every
/// process stops and starts again, the facility's, a hall's and a rack's series still hold their points from before
/// the fault, with a gap (no points) for the time the twin was down and what it had not stored yet.
/// </summary>
public sealed class HistorySurvivalTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Flush = TimeSpan.FromMilliseconds(TwinDeployment.FlushPeriodMs);

    [Fact]
    public async Task History_survives_kill_9_of_the_facility_silo_and_a_full_restart_with_a_bounded_gap()
    {
        await using var twin = new TwinDeployment();
        await twin.Redis.Start();
        var first = await twin.StartSilo();
        var second = await twin.StartSilo();
        await twin.StartGateway();
        var hall = (await twin.Get("/api/halls"))[0].GetProperty("id").GetString()!;
        var rack = (await twin.Get("/api/racks"))[0].GetProperty("id").GetString()!;
        var series = new Dictionary<string, string>
        {
            ["facility"] = "/api/history",
            [$"hall {hall}"] = $"/api/halls/{hall}/history",
            [$"rack {rack}"] = $"/api/racks/{rack}",
        };

        // Long enough for every series to have stored a chunk: a rack stores only sealed minutes, at its own second.
        await Eventually.Until(async () => Span(await Read(twin, series[$"rack {rack}"])) > TimeSpan.FromSeconds(70),
            TimeSpan.FromSeconds(180), "70 s of rack history");

        // 1. kill -9 of the silo holding the facility.
        var host = (await twin.Get("/api/cluster")).GetProperty("facilitySilo").GetString()!;
        var victim = host.Contains($":{first.SiloPort}:", StringComparison.Ordinal) ? first : second;
        var survivor = victim == first ? second : first;
        var before = await ReadAll(twin, series);
        var killedAt = DateTimeOffset.UtcNow;
        output.WriteLine($"facility on {host}; kill -9 of silo {victim.SiloPort} (pid {victim.Process.Pid}) at {killedAt:HH:mm:ss}");
        victim.Process.Kill();
        await AssertSurvived(twin, series, before, killedAt, "kill -9");

        // 2. Every process stops (gateway, silo, Redis) and starts again.
        before = await ReadAll(twin, series);
        var stoppedAt = DateTimeOffset.UtcNow;
        output.WriteLine($"stopping every process at {stoppedAt:HH:mm:ss}");
        twin.Gateway!.Stop();
        survivor.Process.Stop();
        twin.Redis.Stop();
        await twin.Redis.Start();
        await twin.StartSilo(survivor.SiloPort, survivor.GatewayPort, survivor.WebPort);
        await twin.StartGateway();
        output.WriteLine($"every process started again after {(DateTimeOffset.UtcNow - stoppedAt).TotalSeconds:0.0} s");
        await AssertSurvived(twin, series, before, stoppedAt, "restart");
    }

    /// <summary>
    /// Every series still holds its points from before <paramref name="faultAt"/> and has new ones after it; the
    /// facility's (which always moved) shows the gap, logged in seconds and bounded generously for a busy machine.
    /// </summary>
    private async Task AssertSurvived(TwinDeployment twin, Dictionary<string, string> series, Dictionary<string, IReadOnlyList<KpiPoint>> before,
        DateTimeOffset faultAt, string fault)
    {
        foreach (var (name, path) in series)
        {
            var after = await Eventually.Get(async () =>
            {
                try
                {
                    return await Read(twin, path);
                }
                catch (HttpRequestException)
                {
                    return []; // 503 while the grain moves
                }
            }, h => h.Count > 0 && h[^1].AsOf > faultAt.AddSeconds(5), TimeSpan.FromSeconds(120), $"{name} history after the {fault}");

            var kept = before[name].Where(p => p.AsOf < faultAt).ToList();
            Assert.NotEmpty(kept);
            // Stored to the millisecond; the newest few may not have been stored before the fault.
            var stored = kept.Count(p => after.Any(q => Math.Abs((p.AsOf - q.AsOf).TotalMilliseconds) < 1));
            // The fault's gap: the first to end after it (a stopping silo may flush a little past the moment it was told to stop).
            var gap = KpiGaps.Find(after, Flush).FirstOrDefault(g => g.To > faultAt)?.Length.TotalSeconds ?? 0;
            output.WriteLine($"{fault}: {name} kept {stored} of its {kept.Count} points from before; gap {gap:0.0} s " +
                             $"(oldest {after[0].AsOf:HH:mm:ss}, newest {after[^1].AsOf:HH:mm:ss})");
            Assert.True(stored > 0, $"{name} lost its history in the {fault}");
            Assert.True(after[0].AsOf <= kept[0].AsOf.AddMilliseconds(1) || after.Count >= 300, $"{name} starts at {after[0].AsOf:HH:mm:ss.fff}, after its oldest point before the {fault}");
            if (name == "facility")
            {
                Assert.InRange(gap, 2 * Flush.TotalSeconds, 90);
            }
        }
    }

    private static async Task<Dictionary<string, IReadOnlyList<KpiPoint>>> ReadAll(TwinDeployment twin, Dictionary<string, string> series)
    {
        var all = new Dictionary<string, IReadOnlyList<KpiPoint>>();
        foreach (var (name, path) in series)
        {
            all[name] = await Read(twin, path);
        }

        return all;
    }

    private static async Task<IReadOnlyList<KpiPoint>> Read(TwinDeployment twin, string path)
    {
        if (path.StartsWith("/api/racks/", StringComparison.Ordinal))
        {
            var detail = await twin.Http.GetFromJsonAsync<RackRecent>(new Uri(twin.GatewayUrl, path));
            return detail?.Recent ?? [];
        }

        return await twin.Http.GetFromJsonAsync<List<KpiPoint>>(new Uri(twin.GatewayUrl, path)) ?? [];
    }

    private static TimeSpan Span(IReadOnlyList<KpiPoint> points) => points.Count > 1 ? points[^1].AsOf - points[0].AsOf : TimeSpan.Zero;

    private sealed record RackRecent(List<KpiPoint> Recent);
}
