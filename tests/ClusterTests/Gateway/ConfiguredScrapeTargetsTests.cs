using System.Net;
using Microsoft.Extensions.Configuration;
using TokenFactoryTwin.ClusterTests.Infrastructure;
using TokenFactoryTwin.Gateway.Scraping;

namespace TokenFactoryTwin.ClusterTests.Gateway;

/// <summary>Scrape targets declared in the gateway's configuration (<c>Twin:Scrape:Targets</c>), as operators of large farms list them.</summary>
[Collection(TwinClusterCollection.Name)]
public sealed class ConfiguredScrapeTargetsTests(TwinClusterFixture fixture)
{
    private static IConfiguration Configuration(IEnumerable<KeyValuePair<string, string?>> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

    private static IEnumerable<KeyValuePair<string, string?>> Target(int index, string id, string url, string interval = "1", string? host = null)
    {
        var prefix = $"{ConfiguredScrapeTargets.Section}:{index}";
        yield return new($"{prefix}:Id", id);
        yield return new($"{prefix}:Url", url);
        yield return new($"{prefix}:IntervalSeconds", interval);
        if (host is not null)
        {
            yield return new($"{prefix}:Host", host);
        }
    }

    [Fact]
    public async Task A_declared_target_is_scraped_like_a_registered_one()
    {
        await using var exporter = await FixtureServer.Start(Captures.Text(Captures.Dcgm8xH100));
        var settings = Target(0, "declared", exporter.MetricsUrl, interval: "0.5").Append(new("Twin:Scrape:Targets:0:TimeoutSeconds", "0.5"))
            .ToDictionary(kv => kv.Key, kv => kv.Value);
        await using var twin = await LiveTwin.Start(fixture, settings);
        await twin.RegisterLiveRack();

        // Scraped from the start; its samples count once the rack they belong to is registered.
        var target = await twin.ScrapeTarget("declared", t => t.GetProperty("health").GetString() == "up" && t.GetProperty("lastAccepted").GetInt32() == 8,
            "the declared target up, its 8 GPUs accepted");

        Assert.Equal(0, target.GetProperty("consecutiveFailures").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await twin.Http.GetAsync("/api/facility")).StatusCode);
    }

    [Fact]
    public void Tens_of_thousands_of_declared_targets_are_read_each_as_declared()
    {
        // A quarter gigawatt's dcgm-exporters: the options binder took minutes over these; a test only checks the values.
        const int count = 62_514;
        var settings = Enumerable.Range(0, count).SelectMany(i => Target(i, $"n{i}", $"http://127.0.0.1:9400/metrics/n{i}", host: $"node-{i}"));

        var targets = new ConfiguredScrapeTargets(Configuration(settings)).All;

        Assert.Equal(count, targets.Count);
        Assert.Equal(count, targets.Select(t => t.Id).Distinct().Count());
        var last = targets.Single(t => t.Id == $"n{count - 1}");
        Assert.Equal(($"http://127.0.0.1:9400/metrics/n{count - 1}", 1.0, 5.0, $"node-{count - 1}", (string?)null),
            (last.Url, last.IntervalSeconds, last.TimeoutSeconds, last.Host, last.Endpoint));
    }

    [Fact]
    public void Bad_declared_targets_stop_the_start_with_every_problem_named()
    {
        var settings = Target(0, "ok", "http://127.0.0.1:9400/metrics")
            .Concat(Target(1, "a/b", "ftp://x"))
            .Concat(Target(2, "slow", "http://127.0.0.1:9400/metrics", interval: "often"))
            .Concat(Target(3, "ok", "http://127.0.0.1:9401/metrics"));

        var failure = Assert.Throws<InvalidOperationException>(() => new ConfiguredScrapeTargets(Configuration(settings)));

        Assert.Contains("Twin:Scrape:Targets:1: id is required and may not contain '/'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Twin:Scrape:Targets:1: url 'ftp://x' is not an absolute http(s) URL", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Twin:Scrape:Targets:2:IntervalSeconds: 'often' is not a number", failure.Message, StringComparison.Ordinal);
        Assert.Contains("the id 'ok' is declared more than once", failure.Message, StringComparison.Ordinal);
    }
}
