using TokenFactoryTwin.Domain.Telemetry.Mapping;
using TokenFactoryTwin.Domain.Telemetry.Prometheus;

namespace TokenFactoryTwin.Gateway.Ingest;

/// <summary>
/// One Prometheus exposition body into the twin, whether it was pushed to the API or scraped by the gateway:
/// parse the series the twin maps, map them to GPU samples and server tokens, dispatch one call per host.
/// </summary>
public sealed class PrometheusIngestor(TelemetryDispatcher dispatcher, TimeProvider time)
{
    /// <returns>The reply, or why the body is unusable as a whole (with the line issues found).</returns>
    public async Task<(IngestReply? Reply, string? Unusable, IReadOnlyList<ParseIssue> Issues)> Ingest(
        string facility, string text, string? host, string? endpoint)
    {
        var points = new List<MetricPoint>();
        var issues = new List<ParseIssue>();
        var lines = PrometheusTextParser.ParseKnown(text, points, issues);
        if (lines == 0)
        {
            return (null, "The body holds no samples (an empty scrape, or only comments).", issues);
        }

        if (points.Count == 0 && issues.Count == lines)
        {
            return (null, "No line of the body could be read as a Prometheus sample.", issues);
        }

        var mapped = new MappedTelemetry();
        mapped.Issues.AddRange(issues);
        TelemetryMapper.Map(points, host, time.GetUtcNow(), mapped);
        mapped.Ignored = lines - points.Count - issues.Count;
        return (await dispatcher.Dispatch(facility, mapped, host, endpoint), null, issues);
    }
}
