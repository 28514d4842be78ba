using System.Buffers;
using TokenFactoryTwin.Domain.Telemetry.Compression;

namespace TokenFactoryTwin.FuzzTargets.Targets;

/// <summary>
/// A remote-write body as it arrives, snappy-compressed: inflated under the gateway's default body limit (a block
/// declaring more is refused before anything is allocated), then parsed as <see cref="RemoteWriteTarget"/> does.
/// </summary>
public sealed class SnappyRemoteWriteTarget : IFuzzTarget
{
    /// <summary>The gateway's default <c>Twin:Ingest:MaxBodyBytes</c>.</summary>
    private const long MaxBodyBytes = 16L * 1024 * 1024;

    public string Name => "remote-write-snappy";

    public bool Run(ReadOnlyMemory<byte> input)
    {
        var inflation = SnappyBlock.Inflate(input.Span, MaxBodyBytes);
        if (!inflation.Ok)
        {
            return false;
        }

        try
        {
            return RemoteWriteTarget.Decode(inflation.Buffer.AsSpan(0, inflation.Length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(inflation.Buffer!);
        }
    }
}
