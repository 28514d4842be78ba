using System.Diagnostics.Metrics;

namespace TokenFactoryTwin.ScaleBench;

/// <summary>
/// Counts the messages the silo delivers within itself while it lives (Orleans' <c>orleans-messaging-sent-local</c>;
/// in this one-silo process, every grain call: each rack's snapshot a period, the halls' pushes, the power reports).
/// The work done: on a machine too busy for the twin to keep up it ticks less often, and CPU per message still compares.
/// </summary>
public sealed class LocalMessageCounter : IDisposable
{
    private const string Instrument = "orleans-messaging-sent-local";
    private readonly MeterListener _listener = new();
    private long _added;
    private long _observedFirst = -1;
    private long _observedLast;

    public LocalMessageCounter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name == Instrument)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument is ObservableCounter<long>)
            {
                // An observable counter reports its running total when polled: the count is last minus first.
                Interlocked.CompareExchange(ref _observedFirst, value, -1);
                Interlocked.Exchange(ref _observedLast, value);
            }
            else
            {
                Interlocked.Add(ref _added, value);
            }
        });
        _listener.Start();
        _listener.RecordObservableInstruments();
    }

    public long Count
    {
        get
        {
            _listener.RecordObservableInstruments();
            var first = Interlocked.Read(ref _observedFirst);
            return Interlocked.Read(ref _added) + (first < 0 ? 0 : Interlocked.Read(ref _observedLast) - first);
        }
    }

    public void Dispose() => _listener.Dispose();
}
