using TokenFactoryTwin.Abstractions.Kpis;

namespace TokenFactoryTwin.Grains.Aggregation;

/// <summary>A bounded rolling window of KPI points, oldest dropped first.</summary>
public sealed class KpiHistory(int capacity)
{
    private readonly Queue<KpiPoint> _points = new(capacity);

    public void Add(KpiPoint point)
    {
        if (_points.Count == capacity)
        {
            _points.Dequeue();
        }

        _points.Enqueue(point);
    }

    public IReadOnlyList<KpiPoint> ToList() => [.. _points];
}
