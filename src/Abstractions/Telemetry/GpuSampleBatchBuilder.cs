using System.Runtime.InteropServices;

namespace TokenFactoryTwin.Abstractions.Telemetry;

/// <summary>Packs samples one by one into a <see cref="GpuSampleBatch"/>; sized for a rack's GPUs, it grows if need be.</summary>
public sealed class GpuSampleBatchBuilder(int capacity = 72)
{
    private PackedGpuSample[] _samples = new PackedGpuSample[Math.Max(capacity, 1)];
    private string?[]? _uuids;

    public int Count { get; private set; }

    public void Add(in PackedGpuSample sample, string? uuid = null)
    {
        if (Count == _samples.Length)
        {
            Array.Resize(ref _samples, _samples.Length * 2);
            if (_uuids is not null)
            {
                Array.Resize(ref _uuids, _samples.Length);
            }
        }

        if (uuid is not null)
        {
            (_uuids ??= new string?[_samples.Length])[Count] = uuid;
        }

        _samples[Count++] = sample;
    }

    public GpuSampleBatch Build() => new(
        MemoryMarshal.AsBytes(_samples.AsSpan(0, Count)).ToArray(),
        _uuids?[..Count]);
}
