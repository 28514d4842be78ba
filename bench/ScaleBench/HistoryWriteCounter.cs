using System.Diagnostics.Metrics;

namespace TokenFactoryTwin.ScaleBench;

/// <summary>Counts the history chunks the grains store while it lives (the <c>twin.history.writes</c> counter).</summary>
public sealed class HistoryWriteCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _count;

    public HistoryWriteCounter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "TokenFactoryTwin.History" && instrument.Name == "twin.history.writes")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _count, value));
        _listener.Start();
    }

    public long Count => Interlocked.Read(ref _count);

    public void Dispose() => _listener.Dispose();
}
