using Aspire.Hosting;
using Aspire.Hosting.Testing;

namespace TokenFactoryTwin.AppHostTests;

/// <summary>
/// The app host's cluster mode, as the README gives it: two silos and a gateway sharing membership and grain state
/// through a real <c>redis-server</c>.
/// </summary>
public sealed class AppHostClusterModeTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tft-apphost-tests", $"cluster-{Guid.NewGuid():N}"[..16]);
    private readonly RedisServer _redis;

    public AppHostClusterModeTests() => _redis = new RedisServer(Path.Combine(_folder, "redis"));

    [Fact]
    public async Task The_app_host_runs_two_silos_on_redis_as_one_live_twin()
    {
        await _redis.Start();
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            ["--Twin:Store=redis", $"--ConnectionStrings:redis={_redis.ConnectionString}", "--Twin:Silos=2"]);
        await using var app = await appHost.BuildAsync();
        using var start = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await app.StartAsync(start.Token);
        using var http = app.CreateHttpClient("gateway");

        var cluster = await FacilityReads.Until(http, "/api/cluster",
            c => c.GetProperty("silos").EnumerateArray().Count(s => s.GetProperty("status").GetString() == "Active") == 2
                && c.GetProperty("facilitySilo").GetString() is { Length: > 0 },
            TimeSpan.FromMinutes(2));
        var facility = await FacilityReads.Until(http, "/api/facility", f => f.GetProperty("tokensPerSecond").GetDouble() > 0, TimeSpan.FromMinutes(1));

        Assert.Equal(24, facility.GetProperty("racks").GetInt32());
        Assert.Contains(cluster.GetProperty("silos").EnumerateArray(),
            s => s.GetProperty("address").GetString() == cluster.GetProperty("facilitySilo").GetString());
    }

    public void Dispose()
    {
        _redis.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Redis' files of a failed run are worth keeping; the folder is under the temp directory.
        }
    }
}
