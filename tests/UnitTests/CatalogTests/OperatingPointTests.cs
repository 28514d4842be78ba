using TokenFactoryTwin.Domain.Catalog;

namespace TokenFactoryTwin.UnitTests.CatalogTests;

public sealed class OperatingPointTests
{
    private static readonly TwinCatalog Catalog = CatalogLoader.BuiltIn;

    [Fact]
    public void A_published_point_is_returned_exactly()
    {
        var point = Catalog.ResolveOperatingPoint("deepseek-r1-0528", "b200", null, 71);

        Assert.Equal(1020.2, point!.TokensPerGpuPerSecond, 9);
        Assert.Equal(0.5, point.OutputShare); // 1k in, 1k out
    }

    [Fact]
    public void Between_points_throughput_is_interpolated_in_log_space_and_stays_between_them()
    {
        var point = Catalog.ResolveOperatingPoint("deepseek-r1-0528", "b200", "ix-dsr1-fp8-1k1k-b200", 56.5)!;

        Assert.InRange(point.TokensPerGpuPerSecond, 1020.2, 4791.6);
        Assert.Equal(Math.Sqrt(4791.6 * 1020.2), point.TokensPerGpuPerSecond, 6); // the midpoint in log space
    }

    [Fact]
    public void Outside_the_measured_range_the_end_point_holds()
    {
        Assert.Equal(497.5, Catalog.ResolveOperatingPoint("deepseek-r1-0528", "b200", "ix-dsr1-fp8-1k1k-b200", 500)!.TokensPerGpuPerSecond);
        Assert.Equal(4791.6, Catalog.ResolveOperatingPoint("deepseek-r1-0528", "b200", "ix-dsr1-fp8-1k1k-b200", 1)!.TokensPerGpuPerSecond);
    }

    [Fact]
    public void Where_only_the_article_point_exists_it_is_used()
    {
        Assert.Equal(93.3, Catalog.ResolveOperatingPoint("deepseek-r1-0528", "h200", null, null)!.TokensPerGpuPerSecond);
        Assert.Equal(6000, Catalog.ResolveOperatingPoint("deepseek-r1-0528", "gb300", null, 90)!.TokensPerGpuPerSecond);
    }

    [Fact]
    public void A_pair_with_nothing_published_is_modelled_and_says_so()
    {
        var point = Catalog.ResolveOperatingPoint("llama-3.3-70b", "h200", null, 50)!;

        Assert.Equal(ResolvedOperatingPoint.Modelled, point.Origin);
        Assert.StartsWith("modelled@50", point.Source);
        Assert.InRange(point.TokensPerGpuPerSecond, 100, 20_000);
    }

    [Fact]
    public void A_named_point_of_another_model_or_an_unknown_model_resolves_to_nothing()
    {
        Assert.Null(Catalog.ResolveOperatingPoint("llama-3.3-70b", "h200", "article-dsr1-h200", null));
        Assert.Null(Catalog.ResolveOperatingPoint("no-such-model", "h200", null, 50));
    }

    [Fact]
    public void Every_catalog_figure_keeps_its_source()
    {
        Assert.All(Catalog.Gpus, g => Assert.NotEmpty(g.Sources));
        Assert.All(Catalog.RackTypes, r => Assert.NotEmpty(r.Sources));
        Assert.All(Catalog.Curves, c => Assert.False(string.IsNullOrWhiteSpace(c.Source)));
    }
}
