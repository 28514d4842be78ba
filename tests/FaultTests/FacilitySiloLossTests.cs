using System.Diagnostics;
using TokenFactoryTwin.FaultTests.Infrastructure;
using Xunit.Abstractions;

namespace TokenFactoryTwin.FaultTests;

public sealed class FacilitySiloLossTests(ITestOutputHelper output)
{
    [Fact]
    public async Task When_the_silo_hosting_the_facility_dies_the_live_view_is_stale_only_for_detection_plus_two_flush_periods()
    {
        await using var twin = new TwinDeployment();
        await twin.Redis.Start();
        var first = await twin.StartSilo();
        var second = await twin.StartSilo();
        await twin.StartGateway();
        await Eventually.Until(async () => (await twin.Get("/api/facility")).GetProperty("gpusReporting").GetInt32() == 1088,
            TimeSpan.FromSeconds(60), "every GPU of the default facility reporting");

        var host = (await twin.Get("/api/cluster")).GetProperty("facilitySilo").GetString()!;
        var victim = host.Contains($":{first.SiloPort}:", StringComparison.Ordinal) ? first : second;
        var survivor = victim == first ? second : first;
        output.WriteLine($"facility grain on {host}; killing silo {victim.SiloPort} (pid {victim.Process.Pid})");

        var clock = Stopwatch.StartNew();
        var killedAt = DateTimeOffset.UtcNow;
        victim.Process.Kill();

        // Detection: the survivor's membership declares the victim dead.
        TimeSpan? detected = null;
        TimeSpan? fresh = null;
        TimeSpan? recovered = null;
        await Eventually.Until(async () =>
        {
            try
            {
                var cluster = await twin.Get("/api/cluster");
                var dead = cluster.GetProperty("silos").EnumerateArray()
                    .Any(s => s.GetProperty("endpoint").GetString()!.EndsWith($":{victim.SiloPort}", StringComparison.Ordinal)
                              && s.GetProperty("status").GetString() == "Dead");
                detected ??= dead ? clock.Elapsed : null;
                var facility = await twin.Get("/api/facility");
                // Fresh: the facility grain computes again (on the survivor) from halls that report again.
                var live = facility.GetProperty("asOf").GetDateTimeOffset() > killedAt.AddSeconds(0.5)
                           && !facility.GetProperty("stale").GetBoolean();
                fresh ??= live ? clock.Elapsed : null;
                // Recovered: every rack that lived on the dead silo re-activated and reports again.
                recovered ??= live && facility.GetProperty("gpusReporting").GetInt32() == 1088 ? clock.Elapsed : null;
            }
            catch (HttpRequestException)
            {
                // The gateway answers 503 while the facility grain moves; keep polling.
            }

            return detected is not null && fresh is not null && recovered is not null;
        }, TimeSpan.FromSeconds(90), "the victim declared dead and the facility fresh and whole again");

        var flush = TimeSpan.FromMilliseconds(TwinDeployment.FlushPeriodMs);
        output.WriteLine($"detection {detected!.Value.TotalSeconds:0.0} s; facility fresh again after {fresh!.Value.TotalSeconds:0.0} s; " +
            $"all 1,088 GPUs reporting again after {recovered!.Value.TotalSeconds:0.0} s; flush period {flush.TotalSeconds} s");
        var hostNow = (await twin.Get("/api/cluster")).GetProperty("facilitySilo").GetString()!;
        Assert.Contains($":{survivor.SiloPort}:", hostNow);
        // Detection plus two flush periods, with a second of slack for this test's own polling over HTTP and a
        // shared machine: a hall push re-activates the facility, which reads every hall's snapshot at once.
        Assert.True(fresh.Value <= detected.Value + 2 * flush + TimeSpan.FromSeconds(1),
            $"stale for {fresh.Value.TotalSeconds:0.0} s, detection took {detected.Value.TotalSeconds:0.0} s");
        // Racks that lived on the dead silo are woken by their hall's read on its re-activation, or by its ping once stale.
        Assert.True(recovered.Value <= detected.Value + TimeSpan.FromSeconds(10), $"whole again only after {recovered.Value.TotalSeconds:0.0} s");
    }
}
