using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Abstractions.Ingest;
using TokenFactoryTwin.ClusterTests.Infrastructure;

namespace TokenFactoryTwin.ClusterTests.Grains;

/// <summary>The registered pull targets a gateway re-reads every few seconds: the list only when it changed.</summary>
[Collection(TwinClusterCollection.Name)]
public sealed class ScrapeTargetsGrainTests(TwinClusterFixture fixture)
{
    [Fact]
    public async Task A_gateway_holding_the_current_list_gets_only_its_version_and_a_change_brings_the_new_list()
    {
        var targets = fixture.Grains.GetGrain<IScrapeTargetsGrain>(TwinKeys.ScrapeTargets(TestFacilities.NewId("scrape-list")));
        Assert.True(await targets.Add(new ScrapeTargetSpec("node-1", "http://127.0.0.1:9400/metrics")));

        var first = await targets.GetIfChanged(0);
        Assert.Equal(["node-1"], first.Targets!.Select(t => t.Id));
        var unchanged = await targets.GetIfChanged(first.Version);
        Assert.Equal(first.Version, unchanged.Version);
        Assert.Null(unchanged.Targets);

        Assert.True(await targets.Add(new ScrapeTargetSpec("node-2", "http://127.0.0.1:9401/metrics")));
        Assert.False(await targets.Add(new ScrapeTargetSpec("node-2", "http://127.0.0.1:9402/metrics")));
        var added = await targets.GetIfChanged(first.Version);
        Assert.NotEqual(first.Version, added.Version);
        Assert.Equal(["node-1", "node-2"], added.Targets!.Select(t => t.Id));
        Assert.Equal("http://127.0.0.1:9401/metrics", added.Targets![1].Url);

        Assert.True(await targets.Remove("node-1"));
        Assert.False(await targets.Remove("node-1"));
        var removed = await targets.GetIfChanged(added.Version);
        Assert.Equal(["node-2"], removed.Targets!.Select(t => t.Id));
        Assert.Null((await targets.GetIfChanged(removed.Version)).Targets);
    }
}
