using System.Text.Json;
using TokenFactoryTwin.Domain.Telemetry.Mapping;
using TokenFactoryTwin.Domain.Telemetry.Otlp;

namespace TokenFactoryTwin.Gateway.Ingest;

/// <summary>
/// One OTLP/HTTP JSON export request into the twin: the parser hands the gauge and sum points the twin maps to the
/// <see cref="TelemetryMapper"/>, which packs them per host for the dispatcher (one call per host). Server token
/// counters belong to the host the request's first resource names.
/// </summary>
public sealed class OtlpIngestor(TelemetryDispatcher dispatcher, TimeProvider time)
{
    /// <returns>The reply, or why the body is not an export request.</returns>
    public async Task<(IngestReply? Reply, string? Unusable)> Ingest(string facility, ReadOnlyMemory<byte> json)
    {
        var mapper = new TelemetryMapper(null, time.GetUtcNow());
        OtlpExportSummary summary;
        try
        {
            summary = OtlpJsonParser.Parse(json, mapper);
        }
        catch (JsonException e)
        {
            return (null, $"The body is not an OTLP ExportMetricsServiceRequest: {e.Message}");
        }

        return (await dispatcher.Dispatch(facility, mapper.Finish(), summary.FirstHost, null), null);
    }
}
