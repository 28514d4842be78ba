using TokenFactoryTwin.Domain.Catalog;
using TokenFactoryTwin.Domain.Economics;

namespace TokenFactoryTwin.UnitTests.Economics;

/// <summary>The twin must reproduce the source article's comparison from its own formulas and catalog.</summary>
public sealed class SeedTableTests
{
    private static readonly TwinCatalog Catalog = CatalogLoader.BuiltIn;

    public static TheoryData<string> SeedGpus() => new(Catalog.SeedTable.Select(r => r.Gpu));

    [Theory]
    [MemberData(nameof(SeedGpus))]
    public void Each_row_is_reproduced_to_its_published_precision(string gpu)
    {
        var row = Catalog.SeedTable.Single(r => r.Gpu == gpu);
        var economics = GpuEconomicsCalculator.Calculate(Catalog.FindGpu(gpu)!, row.TokensPerGpuPerSecond, "hyperscaler");

        Assert.Equal(row.TokensPerSecondPerMegawatt, Math.Round(economics.TokensPerSecondPerMegawatt), 0);
        var decimals = DecimalsOf(row.CostPerMillionTokensUsd);
        Assert.Equal(row.CostPerMillionTokensUsd, Math.Round(economics.CostPerMillionTokensUsd!.Value, decimals), decimals);
    }

    [Fact]
    public void Ratios_between_the_rows_match_the_article()
    {
        var h200 = GpuEconomicsCalculator.Calculate(Catalog.FindGpu("h200")!, 93.3, "hyperscaler");
        var gb300 = GpuEconomicsCalculator.Calculate(Catalog.FindGpu("gb300")!, 6000, "hyperscaler");

        Assert.Equal(64.3, Math.Round(gb300.TokensPerGpuPerSecond / h200.TokensPerGpuPerSecond, 1));
        Assert.Equal(53.0, Math.Round(gb300.TokensPerSecondPerMegawatt / h200.TokensPerSecondPerMegawatt, 1));
        Assert.Equal(34.2, Math.Round(h200.CostPerMillionTokensUsd!.Value / gb300.CostPerMillionTokensUsd!.Value, 1));
        Assert.Equal(1.88, Math.Round(gb300.UsdPerGpuHour / h200.UsdPerGpuHour, 2));
    }

    [Fact]
    public void Joules_per_token_is_all_in_power_over_throughput()
    {
        var h200 = GpuEconomicsCalculator.Calculate(Catalog.FindGpu("h200")!, 93.3, "hyperscaler");

        Assert.Equal(1730 / 93.3, h200.JoulesPerToken!.Value, 9);
    }

    [Fact]
    public void An_unknown_price_tier_is_refused_with_the_known_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => GpuEconomicsCalculator.Calculate(Catalog.FindGpu("h200")!, 93.3, "spot"));

        Assert.Contains("hyperscaler", error.Message);
    }

    private static int DecimalsOf(double value)
    {
        var text = value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var dot = text.IndexOf('.');
        return dot < 0 ? 0 : text.Length - dot - 1;
    }
}
