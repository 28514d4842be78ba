using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TokenFactoryTwin.FaultTests.Infrastructure;
using Xunit.Abstractions;

namespace TokenFactoryTwin.FaultTests;

public sealed class RedisOutageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task While_redis_is_down_writes_get_503_with_retry_after_reads_go_on_and_everything_recovers_by_itself()
    {
        await using var twin = new TwinDeployment();
        await twin.Redis.Start();
        await twin.StartSilo();
        await twin.StartSilo();
        await twin.StartGateway();
        var before = await CreateScenario(twin, "before the outage");
        Assert.Equal(HttpStatusCode.Created, before.Status);

        twin.Redis.Stop();
        var clock = Stopwatch.StartNew();
        int refused = 0, accepted = 0, reads = 0;
        var slowest = TimeSpan.Zero;
        while (clock.Elapsed < Outage)
        {
            var started = clock.Elapsed;
            var write = await CreateScenario(twin, $"during the outage {refused + accepted}");
            slowest = TimeSpan.FromTicks(Math.Max(slowest.Ticks, (clock.Elapsed - started).Ticks));
            if (write.Status == HttpStatusCode.ServiceUnavailable)
            {
                refused++;
                Assert.True(write.RetryAfter is > 0, "a 503 must say when to retry");
            }
            else
            {
                // A write that got through (before the store noticed the outage) must be kept: checked below.
                Assert.Equal(HttpStatusCode.Created, write.Status);
                accepted++;
                twin.AcknowledgedScenarios.Add(write.Id!);
            }

            var facility = await twin.Get("/api/facility");
            Assert.True(facility.GetProperty("racks").GetInt32() == 24);
            reads++;
        }

        await twin.Redis.Start();
        var recovery = Stopwatch.StartNew();
        (HttpStatusCode Status, string? Id, int? RetryAfter) after = default;
        await Eventually.Until(async () => (after = await CreateScenario(twin, "after the outage")).Status == HttpStatusCode.Created,
            TimeSpan.FromSeconds(60), "writes accepted again once Redis is back");
        output.WriteLine($"outage {Outage.TotalSeconds:0} s: {refused} writes refused with 503, {accepted} accepted, {reads} reads served; " +
            $"slowest write answer {slowest.TotalSeconds:0.0} s; writes accepted again {recovery.Elapsed.TotalSeconds:0.0} s after Redis returned");

        Assert.True(refused > 0, "no write was refused while Redis was down");
        Assert.True(slowest < TimeSpan.FromSeconds(15), $"a write waited {slowest.TotalSeconds:0.0} s");
        var listed = (await twin.Get("/api/scenarios")).EnumerateArray().Select(s => s.GetProperty("id").GetString()).ToHashSet();
        Assert.Contains(before.Id, listed);
        Assert.Contains(after.Id, listed);
        Assert.All(twin.AcknowledgedScenarios, id => Assert.Contains(id, listed));
    }

    private static async Task<(HttpStatusCode Status, string? Id, int? RetryAfter)> CreateScenario(TwinDeployment twin, string name)
    {
        using var response = await twin.Http.PostAsJsonAsync(new Uri(twin.GatewayUrl, "/api/scenarios"), new { name });
        var id = response.StatusCode == HttpStatusCode.Created
            ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()
            : null;
        var retryAfter = response.Headers.RetryAfter?.Delta is { } delta ? (int)delta.TotalSeconds : (int?)null;
        return (response.StatusCode, id, retryAfter);
    }
}
