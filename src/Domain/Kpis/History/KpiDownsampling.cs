using TokenFactoryTwin.Abstractions.Kpis;

namespace TokenFactoryTwin.Domain.Kpis.History;

/// <summary>The day tier's point for a minute: the mean of each figure over the minute's points (cost over those that have one).</summary>
public static class KpiDownsampling
{
    public static KpiPoint Mean(DateTimeOffset at, IReadOnlyList<KpiPoint> points)
    {
        double tokens = 0, power = 0, perMegawatt = 0, cost = 0;
        var costs = 0;
        foreach (var p in points)
        {
            tokens += p.TokensPerSecond;
            power += p.FacilityPowerKw;
            perMegawatt += p.TokensPerSecondPerMegawatt;
            if (p.CostPerMillionTokensUsd is { } c && double.IsFinite(c))
            {
                cost += c;
                costs++;
            }
        }

        var n = Math.Max(points.Count, 1);
        return new KpiPoint(at, tokens / n, power / n, perMegawatt / n, costs > 0 ? cost / costs : null);
    }
}
