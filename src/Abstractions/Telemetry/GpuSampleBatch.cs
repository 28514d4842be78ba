using System.Runtime.InteropServices;

namespace TokenFactoryTwin.Abstractions.Telemetry;

/// <summary>
/// A batch of GPU samples on its way to one rack (or one host): the samples packed back to back in one byte array,
/// which Orleans copies as a block, plus their UUIDs where an exporter sent any. A list of sample records cost the
/// gateway and the silo an object, ten field headers and eight nullable values per GPU per second to serialise;
/// at a gigawatt that is half a million of each a second. The packing is the machine's byte order: silos and
/// gateways of one twin run on the same (little-endian) architecture.
/// </summary>
[GenerateSerializer, Immutable, Alias("tft.GpuSampleBatch")]
public sealed class GpuSampleBatch
{
    public static readonly int SampleSize = Marshal.SizeOf<PackedGpuSample>();

    public GpuSampleBatch(byte[] packed, string?[]? uuids)
    {
        if (packed.Length % SampleSize != 0 || (uuids is not null && uuids.Length != packed.Length / SampleSize))
        {
            throw new ArgumentException($"a batch is a whole number of {SampleSize}-byte samples with one UUID slot each");
        }

        Packed = packed;
        Uuids = uuids;
    }

    public static GpuSampleBatch Empty { get; } = new([], null);

    [Id(0)]
    public byte[] Packed { get; }

    /// <summary>Each sample's GPU UUID, in the same order; null when no sample of the batch named one.</summary>
    [Id(1)]
    public string?[]? Uuids { get; }

    public int Count => Packed.Length / SampleSize;

    public ReadOnlySpan<PackedGpuSample> Samples => MemoryMarshal.Cast<byte, PackedGpuSample>(Packed);

    public string? UuidAt(int index) => Uuids?[index];

    public static GpuSampleBatch Of(IReadOnlyCollection<GpuSample> samples)
    {
        var builder = new GpuSampleBatchBuilder(samples.Count);
        foreach (var sample in samples)
        {
            builder.Add(PackedGpuSample.From(sample), sample.Uuid);
        }

        return builder.Build();
    }
}
