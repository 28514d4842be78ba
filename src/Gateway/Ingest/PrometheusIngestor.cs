using TokenFactoryTwin.Domain.Telemetry.Mapping;
using TokenFactoryTwin.Domain.Telemetry.Prometheus;

namespace TokenFactoryTwin.Gateway.Ingest;

/// <summary>
/// One Prometheus exposition body into the twin, whether it was pushed to the API or scraped by the gateway: the
/// parser hands the series the twin maps to the <see cref="TelemetryMapper"/>, which packs them per host for the
/// dispatcher (one call per host); the configured meter and switch-port series (<c>Twin:Meters</c>) go one call per
/// power node, link or facility meter.
/// </summary>
public sealed class PrometheusIngestor(TelemetryDispatcher dispatcher, MeterIngest meters, TimeProvider time)
{
    /// <param name="scrapedAt">When a scrape began: the time of its samples, as Prometheus stamps them, so a counter's
    /// rate does not take in how long the body took to arrive and be read. A pushed body's samples are stamped now.</param>
    /// <param name="gathered">Whether the host batches may wait a few milliseconds to go with other scrapes' in one call.</param>
    /// <returns>The reply, or why the body is unusable as a whole (with the line issues found).</returns>
    public async Task<(IngestReply? Reply, string? Unusable, IReadOnlyList<ParseIssue> Issues)> Ingest(
        string facility, string text, string? host, string? endpoint, DateTimeOffset? scrapedAt = null, bool gathered = false)
    {
        var now = scrapedAt ?? time.GetUtcNow();
        var mapper = new TelemetryMapper(host, now);
        var meterPoints = new List<MetricPoint>();
        var lines = PrometheusTextParser.Parse(text, mapper, meters.Names, meterPoints);
        var mapped = mapper.Finish();
        if (lines.Lines == 0)
        {
            return (null, "The body holds no samples (an empty scrape, or only comments).", mapped.Issues);
        }

        if (lines.NoneReadable)
        {
            return (null, "No line of the body could be read as a Prometheus sample.", mapped.Issues);
        }

        var reply = await dispatcher.Dispatch(facility, mapped, host, endpoint, gathered);
        return (await meters.Apply(facility, meterPoints, now, reply), null, mapped.Issues);
    }
}
