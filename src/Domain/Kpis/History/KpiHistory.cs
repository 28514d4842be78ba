using TokenFactoryTwin.Abstractions.Kpis;

namespace TokenFactoryTwin.Domain.Kpis.History;

/// <summary>
/// A bounded rolling window of KPI points, oldest dropped first. Held as a ring of plain values allocated once: every
/// rack keeps one, so at a gigawatt a window of point objects would be 2 million long-lived objects for the
/// collector to promote and trace; a ring of structs is one object per rack that it never has to look inside.
/// </summary>
public sealed class KpiHistory(int capacity)
{
    private readonly Point[] _points = new Point[capacity];
    private int _next;
    private int _count;

    public int Capacity => capacity;

    public int Count => _count;

    public void Add(KpiPoint point)
    {
        _points[_next] = new Point(point.AsOf.UtcTicks, point.TokensPerSecond, point.FacilityPowerKw,
            point.TokensPerSecondPerMegawatt, point.CostPerMillionTokensUsd ?? double.NaN);
        _next = (_next + 1) % capacity;
        _count = Math.Min(_count + 1, capacity);
    }

    /// <summary>Empties the window and fills it with <paramref name="points"/> in their order (the newest kept).</summary>
    public void Replace(IEnumerable<KpiPoint> points)
    {
        _next = 0;
        _count = 0;
        foreach (var point in points)
        {
            Add(point);
        }
    }

    public IReadOnlyList<KpiPoint> ToList() => Newest(_count);

    /// <summary>The newest <paramref name="count"/> points (all if fewer), oldest first.</summary>
    public IReadOnlyList<KpiPoint> Newest(int count)
    {
        count = Math.Clamp(count, 0, _count);
        var list = new List<KpiPoint>(count);
        for (var i = 0; i < count; i++)
        {
            var p = _points[(_next - count + i + capacity) % capacity];
            list.Add(new KpiPoint(new DateTimeOffset(p.UtcTicks, TimeSpan.Zero), p.TokensPerSecond, p.PowerKw, p.TokensPerSecondPerMegawatt,
                double.IsNaN(p.CostPerMillionTokensUsd) ? null : p.CostPerMillionTokensUsd));
        }

        return list;
    }

    private readonly record struct Point(long UtcTicks, double TokensPerSecond, double PowerKw, double TokensPerSecondPerMegawatt, double CostPerMillionTokensUsd);
}
