using System.Diagnostics;
using TokenFactoryTwin.FaultTests.Infrastructure;
using Xunit.Abstractions;

namespace TokenFactoryTwin.FaultTests;

public sealed class GatewayRestartTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_gateway_killed_mid_stream_serves_again_within_seconds_of_its_restart()
    {
        await using var twin = new TwinDeployment();
        await twin.Redis.Start();
        await twin.StartSilo();
        await twin.StartGateway();
        var before = (await twin.Get("/api/facility")).GetProperty("asOf").GetDateTimeOffset();

        twin.Gateway!.Kill();
        Assert.False(await twin.FacilityAnswers());
        var clock = Stopwatch.StartNew();
        await twin.StartGateway();
        var serving = clock.Elapsed;

        var after = (await twin.Get("/api/facility")).GetProperty("asOf").GetDateTimeOffset();
        output.WriteLine($"gateway process start to first facility answer: {serving.TotalSeconds:0.0} s");
        Assert.True(after > before);
        Assert.True(serving < TimeSpan.FromSeconds(30), $"took {serving.TotalSeconds:0.0} s");
    }
}
