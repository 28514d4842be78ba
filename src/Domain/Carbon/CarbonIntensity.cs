using TokenFactoryTwin.Abstractions.Topology;

namespace TokenFactoryTwin.Domain.Carbon;

/// <summary>The grid's grams of CO2 per kWh at a moment: the hourly series where it covers the moment, else the constant.</summary>
public static class CarbonIntensity
{
    /// <summary>Where the intensity at a moment comes from: <c>hourly</c>, <c>constant</c>, <c>hourly (last hour held)</c> or <c>none</c>.</summary>
    public static string Source(CarbonSpec? spec, DateTimeOffset at) =>
        Covers(spec, at) ? "hourly"
        : spec?.GramsPerKwh is not null ? "constant"
        : spec?.Hourly is { Count: > 0 } ? "hourly (last hour held)"
        : "none";

    public static double? GramsPerKwhAt(CarbonSpec? spec, DateTimeOffset at)
    {
        if (Covers(spec, at) && spec!.Hourly is { } hours)
        {
            // The last hour starting at or before the moment (the series is sorted when loaded).
            int lo = 0, hi = hours.Count - 1;
            while (lo < hi)
            {
                var mid = (lo + hi + 1) / 2;
                if (hours[mid].Hour <= at)
                {
                    lo = mid;
                }
                else
                {
                    hi = mid - 1;
                }
            }

            return hours[lo].GramsPerKwh;
        }

        return spec?.GramsPerKwh ?? (spec?.Hourly is { Count: > 0 } series ? series[^1].GramsPerKwh : null);
    }

    private static bool Covers(CarbonSpec? spec, DateTimeOffset at) =>
        spec?.Hourly is { Count: > 0 } hours && at >= hours[0].Hour && at < hours[^1].Hour.AddHours(1);

    /// <summary>Joules per token: facility kW × 1,000 over tokens/s; null when nothing is produced.</summary>
    public static double? JoulesPerToken(double facilityKw, double tokensPerSecond) =>
        tokensPerSecond > 0 ? facilityKw * 1000 / tokensPerSecond : null;

    /// <summary>Grams of CO2 per million tokens: g/kWh × kWh per second (kW / 3,600) over tokens/s, × 10⁶.</summary>
    public static double? GramsPerMillionTokens(double facilityKw, double tokensPerSecond, double? gramsPerKwh) =>
        tokensPerSecond > 0 && gramsPerKwh is { } g ? g * facilityKw / 3600 / tokensPerSecond * 1e6 : null;
}
