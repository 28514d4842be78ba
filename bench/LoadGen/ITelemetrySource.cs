namespace TokenFactoryTwin.LoadGen;

/// <summary>One second of synthetic telemetry at a time, as request bodies, whatever the format.</summary>
public interface ITelemetrySource
{
    /// <summary>The per-GPU token rate of the second that ends at <paramref name="second"/> (Unix seconds).</summary>
    double RateAt(long second);

    /// <summary>Advances the counters by one second and writes that second's batches (valid until the next call).</summary>
    IReadOnlyList<ReadOnlyMemory<byte>> Second(long second);

    /// <summary>How many GPU samples batch <paramref name="batch"/> of a second carries.</summary>
    int GpusIn(int batch);
}
