using System.Runtime.InteropServices;

namespace TokenFactoryTwin.Abstractions.Telemetry;

/// <summary>
/// Packs samples one by one into a <see cref="GpuSampleBatch"/>. Sized for a rack's GPUs, it grows if need be; a
/// batch that fills it exactly (a whole rack) takes its array as is, so the common case copies nothing.
/// </summary>
public sealed class GpuSampleBatchBuilder(int capacity = 72)
{
    private byte[] _packed = new byte[Math.Max(capacity, 1) * GpuSampleBatch.SampleSize];
    private string?[]? _uuids;

    public int Count { get; private set; }

    private int Capacity => _packed.Length / GpuSampleBatch.SampleSize;

    public void Add(in PackedGpuSample sample, string? uuid = null)
    {
        if (Count == Capacity)
        {
            Array.Resize(ref _packed, _packed.Length * 2);
            if (_uuids is not null)
            {
                Array.Resize(ref _uuids, Capacity);
            }
        }

        if (uuid is not null)
        {
            (_uuids ??= new string?[Capacity])[Count] = uuid;
        }

        MemoryMarshal.Cast<byte, PackedGpuSample>(_packed.AsSpan())[Count++] = sample;
    }

    /// <summary>
    /// A sample added earlier, to read or replace: a mapper that meets a GPU's readings one series at a time fills in
    /// the one packed sample. The reference is good until the next <see cref="Add"/>, which may move the samples.
    /// </summary>
    public ref PackedGpuSample this[int index] =>
        ref MemoryMarshal.Cast<byte, PackedGpuSample>(_packed.AsSpan(0, Count * GpuSampleBatch.SampleSize))[index];

    public string? UuidAt(int index) => index < Count ? _uuids?[index] : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>Names the GPU of a sample added earlier.</summary>
    public void SetUuid(int index, string uuid)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        (_uuids ??= new string?[Capacity])[index] = uuid;
    }

    /// <summary>The batch of the samples added so far; the builder must not be added to afterwards.</summary>
    public GpuSampleBatch Build() => Count == Capacity
        ? new GpuSampleBatch(_packed, _uuids)
        : new GpuSampleBatch(_packed[..(Count * GpuSampleBatch.SampleSize)], _uuids?[..Count]);
}
