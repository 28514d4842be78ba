namespace TokenFactoryTwin.Domain.Telemetry;

/// <summary>
/// A cumulative counter's last value and its rate between the last two samples, with resets handled the way
/// Prometheus' <c>increase()</c> does: a value lower than the previous one means the counter restarted from zero,
/// so the whole new value is the increase. An older or equal timestamp never moves it.
/// </summary>
public struct CounterTrack
{
    public double Value { get; private set; }

    public long TimestampMs { get; private set; }

    /// <summary>Increase per second between the last two samples; zero until there are two.</summary>
    public double Rate { get; private set; }

    public bool HasValue => TimestampMs != 0;

    /// <returns>False when the sample is not newer than the last one (replayed or out of order) and was ignored.</returns>
    public bool Observe(double value, long timestampMs)
    {
        if (HasValue && timestampMs <= TimestampMs)
        {
            return false;
        }

        if (HasValue)
        {
            var increase = value >= Value ? value - Value : value;
            Rate = increase / ((timestampMs - TimestampMs) / 1000.0);
        }

        Value = value;
        TimestampMs = timestampMs;
        return true;
    }
}
