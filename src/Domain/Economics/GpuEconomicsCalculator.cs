using TokenFactoryTwin.Domain.Catalog;

namespace TokenFactoryTwin.Domain.Economics;

/// <summary>Prices one GPU's throughput from the catalog: the check that the twin reproduces the article's table.</summary>
public static class GpuEconomicsCalculator
{
    public static GpuEconomics Calculate(GpuSpec gpu, double tokensPerGpuPerSecond, string priceTier)
    {
        if (!gpu.UsdPerGpuHour.TryGetValue(priceTier, out var usdPerGpuHour))
        {
            throw new ArgumentException(
                $"Unknown price tier '{priceTier}' for GPU '{gpu.Id}'; known tiers: {string.Join(", ", gpu.UsdPerGpuHour.Keys)}.",
                nameof(priceTier));
        }

        return new GpuEconomics(
            gpu.Id,
            priceTier,
            tokensPerGpuPerSecond,
            usdPerGpuHour,
            gpu.AllInKwPerGpu,
            TokenEconomics.TokensPerSecondPerMegawatt(tokensPerGpuPerSecond, gpu.AllInKwPerGpu),
            TokenEconomics.CostPerMillionTokens(usdPerGpuHour, tokensPerGpuPerSecond),
            TokenEconomics.JoulesPerToken(gpu.AllInKwPerGpu, tokensPerGpuPerSecond));
    }
}
