namespace TokenFactoryTwin.LoadGen;

/// <summary>One interval (a second, or <c>--interval-ms</c>) of synthetic telemetry at a time, as request bodies, whatever the format.</summary>
public interface ITelemetrySource
{
    /// <summary>The per-GPU token rate of the second that ends at <paramref name="second"/> (Unix seconds).</summary>
    double RateAt(long second);

    /// <summary>
    /// Advances the counters by the <paramref name="seconds"/> that end at <paramref name="unixMs"/> and writes the
    /// batches of samples stamped then (valid until the next call).
    /// </summary>
    IReadOnlyList<ReadOnlyMemory<byte>> Interval(long unixMs, double seconds);

    /// <summary>How many GPU samples batch <paramref name="batch"/> of an interval carries.</summary>
    int GpusIn(int batch);
}
