using System.Buffers;
using Snappier;

namespace TokenFactoryTwin.Domain.Telemetry.Compression;

/// <summary>
/// Inflates one snappy block (what Prometheus remote write sends: the block format over the whole body, not the framed
/// stream). The block declares its inflated length up front, so a block that would inflate past the limit is refused
/// before anything is allocated: a few kilobytes can declare gigabytes.
/// </summary>
public static class SnappyBlock
{
    /// <returns>
    /// The inflated bytes in a buffer rented from <see cref="ArrayPool{T}.Shared"/> (the caller returns it), or why the
    /// block was refused: too large, or not snappy data at all.
    /// </returns>
    public static SnappyInflation Inflate(ReadOnlySpan<byte> compressed, long maxBytes)
    {
        byte[]? inflated = null;
        try
        {
            var size = Snappy.GetUncompressedLength(compressed);
            if (size > maxBytes)
            {
                return SnappyInflation.TooLarge(size);
            }

            inflated = ArrayPool<byte>.Shared.Rent(Math.Max(size, 1));
            var written = Snappy.Decompress(compressed, inflated);
            var result = SnappyInflation.Of(inflated, written);
            inflated = null;
            return result;
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException)
        {
            return SnappyInflation.Invalid;
        }
        finally
        {
            if (inflated is not null)
            {
                ArrayPool<byte>.Shared.Return(inflated);
            }
        }
    }
}
