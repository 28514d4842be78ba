using System.Text.Json;
using TokenFactoryTwin.Domain.Telemetry.Mapping;
using TokenFactoryTwin.Domain.Telemetry.Otlp;
using TokenFactoryTwin.Domain.Telemetry.Protobuf;

namespace TokenFactoryTwin.Gateway.Ingest;

/// <summary>
/// One OTLP export request into the twin, JSON or protobuf (OTLP/HTTP either way, or OTLP/gRPC): the encoding's
/// parser hands the gauge and sum points the twin maps to the <see cref="TelemetryMapper"/>, which packs them per host
/// for the dispatcher (one call per host). Server token counters belong to the host the request's first resource names.
/// </summary>
public sealed class OtlpIngestor(TelemetryDispatcher dispatcher, TimeProvider time)
{
    /// <returns>The reply, or why the body is not an export request.</returns>
    public async Task<(IngestReply? Reply, string? Unusable)> Ingest(string facility, ReadOnlyMemory<byte> request, bool protobuf)
    {
        var mapper = new TelemetryMapper(null, time.GetUtcNow());
        OtlpExportSummary summary;
        try
        {
            summary = protobuf ? OtlpProtobufParser.Parse(request.Span, mapper) : OtlpJsonParser.Parse(request, mapper);
        }
        catch (Exception e) when (e is JsonException or ProtobufFormatException)
        {
            return (null, $"The body is not an OTLP ExportMetricsServiceRequest ({(protobuf ? "protobuf" : "JSON")}): {e.Message}");
        }

        return (await dispatcher.Dispatch(facility, mapper.Finish(), summary.FirstHost, null), null);
    }
}
