using TokenFactoryTwin.Abstractions.Telemetry;

namespace TokenFactoryTwin.Domain.Telemetry.Native;

/// <summary>
/// The columns of one <c>racks</c> or <c>hosts</c> entry while it is read: per GPU position, the readings present
/// and their values, and the UUID. Reused from entry to entry of a request, so reading allocates nothing per GPU.
/// </summary>
internal sealed class NativeColumns
{
    /// <summary>More GPUs than any rack holds; an entry claiming more is refused rather than sized for.</summary>
    public const int MaxGpus = 4096;

    private double[][] _values = Enumerable.Range(0, GpuReading.Count).Select(_ => new double[72]).ToArray();
    private GpuMetrics[] _present = new GpuMetrics[72];
    private string?[] _uuids = new string?[72];

    /// <summary>One past the highest GPU position any column reached.</summary>
    public int Count { get; private set; }

    public void Reset()
    {
        Array.Clear(_present, 0, Count);
        Array.Clear(_uuids, 0, Count);
        Count = 0;
    }

    public void Set(GpuMetrics metric, int gpu, double value)
    {
        Reach(gpu);
        _values[GpuReading.IndexOf(metric)][gpu] = value;
        _present[gpu] |= metric;
    }

    public void SetUuid(int gpu, string uuid)
    {
        Reach(gpu);
        _uuids[gpu] = uuid;
    }

    /// <summary>Position <paramref name="gpu"/>'s sample, or false when no column holds a reading for it.</summary>
    public bool TryGet(int gpu, long timestampMs, out PackedGpuSample sample, out string? uuid)
    {
        var v = _values;
        sample = new PackedGpuSample(gpu, _present[gpu], timestampMs, new GpuReading(v[0][gpu], v[1][gpu], v[2][gpu], v[3][gpu], v[4][gpu], v[5][gpu], v[6][gpu], v[7][gpu], v[8][gpu]));
        uuid = _uuids[gpu];
        return _present[gpu] != GpuMetrics.None || uuid is not null;
    }

    private void Reach(int gpu)
    {
        if (gpu >= _present.Length)
        {
            var size = Math.Min(MaxGpus, Math.Max(gpu + 1, _present.Length * 2));
            Array.Resize(ref _present, size);
            Array.Resize(ref _uuids, size);
            for (var c = 0; c < _values.Length; c++)
            {
                Array.Resize(ref _values[c], size);
            }
        }

        Count = Math.Max(Count, gpu + 1);
    }
}
