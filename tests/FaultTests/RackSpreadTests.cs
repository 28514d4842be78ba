using System.Diagnostics;
using TokenFactoryTwin.FaultTests.Infrastructure;
using Xunit.Abstractions;

namespace TokenFactoryTwin.FaultTests;

public sealed class RackSpreadTests(ITestOutputHelper output)
{
    private const int DefaultFacilityGpus = 1088;

    private static async Task<Dictionary<string, int>> RacksPerActiveSilo(TwinDeployment twin) =>
        (await twin.Get("/api/cluster")).GetProperty("silos").EnumerateArray()
            .Where(s => s.GetProperty("status").GetString() == "Active")
            .ToDictionary(s => s.GetProperty("endpoint").GetString()!, s => s.GetProperty("racks").GetInt32());

    private static async Task<bool> EveryGpuReporting(TwinDeployment twin)
    {
        var facility = await twin.Get("/api/facility");
        return facility.GetProperty("gpusReporting").GetInt32() == DefaultFacilityGpus && !facility.GetProperty("stale").GetBoolean();
    }

    [Fact]
    public async Task A_silo_that_joins_takes_its_share_of_the_racks_and_every_gpu_keeps_reporting()
    {
        await using var twin = new TwinDeployment();
        await twin.Redis.Start();
        var first = await twin.StartSilo();
        await twin.StartGateway();
        await Eventually.Until(() => EveryGpuReporting(twin), TimeSpan.FromSeconds(60), "every GPU of the default facility reporting");
        var alone = await RacksPerActiveSilo(twin);
        var racks = alone.Values.Sum();
        Assert.Single(alone);
        Assert.True(racks > 10, $"the default facility should have its racks active, saw {racks}");

        var second = await twin.StartSilo();
        var clock = Stopwatch.StartNew();
        await Eventually.Get(() => RacksPerActiveSilo(twin), r => r.Count == 2 && r.Values.All(n => n > 0) && r.Values.Sum() == racks,
            TimeSpan.FromSeconds(90), "the racks shared by both silos");
        output.WriteLine($"{racks} racks; silo {second.SiloPort} joined; first racks on it after {clock.Elapsed.TotalSeconds:0.0} s");

        // Every rack has checked its home by now: the moves are over, and nothing moves back.
        var left = HomeSiloCheck - clock.Elapsed;
        await Task.Delay(left > TimeSpan.Zero ? left : TimeSpan.Zero);
        var settled = await RacksPerActiveSilo(twin);
        output.WriteLine($"settled as {string.Join(" / ", settled.Select(kv => $"{kv.Key}: {kv.Value}"))} after {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal(racks, settled.Values.Sum());
        Assert.All(settled.Values, n => Assert.True(n > 0));
        Assert.Contains(settled.Keys, k => k.EndsWith($":{first.SiloPort}", StringComparison.Ordinal));
        await Eventually.Until(() => EveryGpuReporting(twin), TimeSpan.FromSeconds(30), "every GPU reporting again after the moves");
        await Task.Delay(TimeSpan.FromSeconds(5));
        Assert.Equal(settled, await RacksPerActiveSilo(twin));
    }

    /// <summary>How long after a silo joins every rack has checked its home: settle plus the widest stagger, a flush, and slack.</summary>
    private static readonly TimeSpan HomeSiloCheck = TimeSpan.FromSeconds(36);
}
