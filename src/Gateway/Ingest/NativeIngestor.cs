using TokenFactoryTwin.Domain.Telemetry.Native;

namespace TokenFactoryTwin.Gateway.Ingest;

/// <summary>
/// One native JSON batch into the twin: the reader packs it straight into one batch per rack or host (its field
/// names are the twin's own, so it needs no mapper), and the dispatcher sends each in one call.
/// </summary>
public sealed class NativeIngestor(TelemetryDispatcher dispatcher)
{
    /// <returns>The reply, or why the body is not a telemetry batch.</returns>
    public async Task<(IngestReply? Reply, string? Unusable)> Ingest(string facility, ReadOnlyMemory<byte> json)
    {
        var content = NativeBatchReader.Read(json.Span);
        return content.Refusal is { } refusal ? (null, refusal) : (await dispatcher.Dispatch(facility, content), null);
    }
}
