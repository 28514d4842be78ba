namespace TokenFactoryTwin.Domain.Catalog;

/// <summary>
/// Reads throughput off a published front at a given interactivity. Throughput falls roughly exponentially as
/// interactivity rises (batch size halves, throughput halves), so it interpolates linearly in log(throughput)
/// between neighbouring points, and holds the end values outside the measured range rather than extrapolate.
/// </summary>
public static class OperatingCurveInterpolator
{
    public static double TokensPerGpuPerSecond(IReadOnlyList<CurvePoint> points, double interactivity)
    {
        if (points.Count == 0)
        {
            throw new ArgumentException("A curve needs at least one point.", nameof(points));
        }

        var sorted = points.OrderBy(p => p.Interactivity).ToArray();
        if (interactivity <= sorted[0].Interactivity)
        {
            return sorted[0].TokensPerGpuPerSecond;
        }

        for (var i = 1; i < sorted.Length; i++)
        {
            var (lo, hi) = (sorted[i - 1], sorted[i]);
            if (interactivity <= hi.Interactivity)
            {
                var t = (interactivity - lo.Interactivity) / (hi.Interactivity - lo.Interactivity);
                return Math.Exp(Math.Log(lo.TokensPerGpuPerSecond) + t * (Math.Log(hi.TokensPerGpuPerSecond) - Math.Log(lo.TokensPerGpuPerSecond)));
            }
        }

        return sorted[^1].TokensPerGpuPerSecond;
    }
}
