using TokenFactoryTwin.Domain.Catalog;
using TokenFactoryTwin.Domain.Economics;
using TokenFactoryTwin.Domain.Performance;

namespace TokenFactoryTwin.Gateway.Throughput;

/// <summary>Prices an operating point with the catalog's economics (the same formulas as <c>/api/economics</c>).</summary>
public static class ThroughputPricing
{
    public static ThroughputAnswer Answer(ResolvedThroughputQuery query, ThroughputPoint point, GpuSpec gpu, string priceTier)
    {
        var economics = GpuEconomicsCalculator.Calculate(gpu, point.TokensPerGpuPerSecond, priceTier);
        return new ThroughputAnswer(query.Model, query.Gpu, query.PrecisionName, query.InputTokens, query.OutputTokens, query.Mtp,
            Math.Round(point.Interactivity, 2), Math.Round(point.TokensPerGpuPerSecond, 1), Math.Round(point.OutputTokensPerGpuPerSecond, 1),
            Round(point.TtftMs), Round(point.TpotMs), point.MaxBatch, point.Bound, point.Configuration, point.Source, point.Reference,
            priceTier, economics.UsdPerGpuHour, economics.CostPerMillionTokensUsd, Math.Round(economics.TokensPerSecondPerMegawatt),
            economics.JoulesPerToken);
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 2) : null;
}
