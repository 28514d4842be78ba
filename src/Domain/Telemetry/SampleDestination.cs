using TokenFactoryTwin.Abstractions.Telemetry;

namespace TokenFactoryTwin.Domain.Telemetry.Native;

/// <summary>
/// The samples of one native batch bound for one rack (addressed by twin GPU id) or one host (addressed by host and
/// exporter GPU index), packed for one grain call, with where each sample came from in the request, for error
/// reports: its index in <c>samples</c>, or for a group of <c>racks</c> / <c>hosts</c>, its GPU position.
/// </summary>
public sealed class NativeDestination(string key, bool isRack, bool isGroup = false, int capacity = NativeDestination.RackGpus)
{
    private const int RackGpus = 72;
    private int[] _indices = new int[Math.Max(capacity, 1)];

    /// <summary>The rack id, or the host name.</summary>
    public string Key { get; } = key;

    public bool IsRack { get; } = isRack;

    /// <summary>From one entry of <c>racks</c> or <c>hosts</c>: <see cref="Indices"/> are then GPU positions.</summary>
    public bool IsGroup { get; } = isGroup;

    /// <summary>Sized for a rack of 72 GPUs (the common batch) unless told; it grows for more.</summary>
    public GpuSampleBatchBuilder Samples { get; } = new(capacity);

    /// <summary>For each packed sample, its index in the request's <c>samples</c> array, or its GPU position in its group.</summary>
    public ReadOnlySpan<int> Indices => _indices.AsSpan(0, Samples.Count);

    public void Add(int index, in PackedGpuSample sample, string? uuid)
    {
        if (Samples.Count == _indices.Length)
        {
            Array.Resize(ref _indices, _indices.Length * 2);
        }

        _indices[Samples.Count] = index;
        Samples.Add(sample, uuid);
    }
}
