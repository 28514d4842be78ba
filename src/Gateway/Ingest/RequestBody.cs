using System.Buffers;

namespace TokenFactoryTwin.Gateway.Ingest;

/// <summary>
/// A write's body, read in full and decompressed, or the answer to give instead. The bytes live in a pooled buffer
/// (telemetry batches run to megabytes, many a second: a new array each would go to the large-object heap and cost
/// full collections), so dispose of the body when the request is done with it.
/// </summary>
public sealed class RequestBody : IDisposable
{
    private byte[]? _pooled;
    private readonly int _length;

    private RequestBody(byte[]? pooled, int length, IResult? refusal)
    {
        _pooled = pooled;
        _length = length;
        Refusal = refusal;
    }

    public ReadOnlyMemory<byte> Bytes => _pooled is { } bytes
        ? bytes.AsMemory(0, _length)
        : throw new ObjectDisposedException(nameof(RequestBody), "the body was refused or is already disposed");

    public IResult? Refusal { get; }

    public bool Ok => Refusal is null;

    /// <param name="pooled">Rented from <see cref="ArrayPool{T}.Shared"/>; the body returns it when disposed.</param>
    public static RequestBody Of(byte[] pooled, int length) => new(pooled, length, null);

    public static RequestBody Refused(IResult refusal) => new(null, 0, refusal);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _pooled, null) is { } bytes)
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }
}
