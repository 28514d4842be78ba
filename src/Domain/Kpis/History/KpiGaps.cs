using TokenFactoryTwin.Abstractions.Kpis;

namespace TokenFactoryTwin.Domain.Kpis.History;

/// <summary>
/// Where a series breaks: consecutive points more than two periods apart (one missed flush is jitter on a busy
/// machine, not an outage). Charts draw no line across a gap, so a fault shows as a break, not a slope.
/// </summary>
public static class KpiGaps
{
    public static IReadOnlyList<KpiGap> Find(IReadOnlyList<KpiPoint> points, TimeSpan period)
    {
        var gaps = new List<KpiGap>();
        for (var i = 1; i < points.Count; i++)
        {
            if (points[i].AsOf - points[i - 1].AsOf > 2 * period)
            {
                gaps.Add(new KpiGap(points[i - 1].AsOf, points[i].AsOf));
            }
        }

        return gaps;
    }
}
