using TokenFactoryTwin.Domain.Catalog;
using TokenFactoryTwin.Domain.Performance;

namespace TokenFactoryTwin.UnitTests.Performance;

public sealed class BoundedAnswerCacheTests
{
    [Fact]
    public void Answers_are_computed_once_and_the_cache_never_holds_more_than_its_capacity()
    {
        var cache = new BoundedAnswerCache<string, int>(3);
        var computed = 0;
        int Compute(string key)
        {
            computed++;
            return key.Length;
        }

        Assert.Equal(1, cache.GetOrAdd("a", Compute));
        Assert.Equal(1, cache.GetOrAdd("a", Compute));
        Assert.Equal(1, computed);

        foreach (var key in new[] { "bb", "ccc", "dddd", "eeeee" })
        {
            cache.GetOrAdd(key, Compute);
            Assert.InRange(cache.Count, 1, 3);
        }

        Assert.Equal(5, computed);
    }

    [Fact]
    public void After_the_resolver_cache_starts_over_its_answers_are_the_same()
    {
        var resolver = new ThroughputResolver(CatalogLoader.BuiltIn);
        var (query, _) = resolver.Prepare(new ThroughputRequest("llama-3.3-70b", "h200", "fp8"));
        var first = resolver.At(query!, 50)!.TokensPerGpuPerSecond;

        for (var i = 0; i < ThroughputResolver.CachedAnswers + 10; i++)
        {
            resolver.At(query!, 20 + i * 0.001);
        }

        Assert.Equal(first, resolver.At(query!, 50)!.TokensPerGpuPerSecond);
    }
}
