using Microsoft.Extensions.Options;
using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Abstractions.Ingest;
using TokenFactoryTwin.Domain.Telemetry.Mapping;
using TokenFactoryTwin.Domain.Telemetry.Meters;
using TokenFactoryTwin.Domain.Telemetry.Prometheus;

namespace TokenFactoryTwin.Gateway.Ingest;

/// <summary>
/// One Prometheus exposition body into the twin, whether it was pushed to the API or scraped by the gateway:
/// parse the series the twin maps, map them to GPU samples and server tokens, dispatch one call per host; and
/// the configured meter and switch-port series (<c>Twin:Meters</c>), one call per power node, link or facility meter.
/// </summary>
public sealed class PrometheusIngestor(TelemetryDispatcher dispatcher, IClusterClient client, IOptions<MeterRules> meters, TimeProvider time)
{
    private readonly HashSet<string> _meterNames = new(meters.Value.MetricNames(), StringComparer.Ordinal);

    /// <returns>The reply, or why the body is unusable as a whole (with the line issues found).</returns>
    public async Task<(IngestReply? Reply, string? Unusable, IReadOnlyList<ParseIssue> Issues)> Ingest(
        string facility, string text, string? host, string? endpoint)
    {
        var points = new List<MetricPoint>();
        var issues = new List<ParseIssue>();
        var lines = PrometheusTextParser.ParseKnown(text, _meterNames, points, issues);
        if (lines == 0)
        {
            return (null, "The body holds no samples (an empty scrape, or only comments).", issues);
        }

        if (points.Count == 0 && issues.Count == lines)
        {
            return (null, "No line of the body could be read as a Prometheus sample.", issues);
        }

        var now = time.GetUtcNow();
        var mapped = new MappedTelemetry();
        mapped.Issues.AddRange(issues);
        TelemetryMapper.Map(points, host, now, mapped);
        mapped.Ignored = lines - points.Count - issues.Count;
        var metering = _meterNames.Count == 0 ? null : Meter(facility, points, now);
        var reply = await dispatcher.Dispatch(facility, mapped, host, endpoint);
        if (metering is null)
        {
            return (reply, null, issues);
        }

        var (accepted, unmapped) = await metering;
        return (reply with
        {
            Accepted = reply.Accepted + accepted,
            Rejected = reply.Rejected + unmapped,
            Errors = unmapped == 0
                ? reply.Errors
                : [.. reply.Errors, new IngestProblem($"{unmapped} meter or switch-port series name a device or port that Twin:Meters does not map")],
        }, null, issues);
    }

    private async Task<(int Accepted, int Unmapped)> Meter(string facility, List<MetricPoint> points, DateTimeOffset now)
    {
        var (readings, unmapped) = MeterMapper.Map(points, meters.Value, now.ToUnixTimeMilliseconds());
        var calls = readings.GroupBy(r => r.Target).Select(group =>
            client.GetGrain<IMeterGrain>(TwinKeys.Meter(facility, group.Key)).Report(group
                .Select(r => new MeterSample(r.Kind, r.Port, DateTimeOffset.FromUnixTimeMilliseconds(r.TimestampMs), r.Value))
                .ToList()));
        return ((await Task.WhenAll(calls)).Sum(), unmapped);
    }
}
