using Microsoft.Extensions.Options;
using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Abstractions.Ingest;
using TokenFactoryTwin.Domain.Telemetry.Mapping;
using TokenFactoryTwin.Domain.Telemetry.Meters;
using TokenFactoryTwin.Domain.Telemetry.Prometheus;

namespace TokenFactoryTwin.Gateway.Ingest;

/// <summary>
/// One Prometheus exposition body into the twin, whether it was pushed to the API or scraped by the gateway: the
/// parser hands the series the twin maps to the <see cref="TelemetryMapper"/>, which packs them per host for the
/// dispatcher (one call per host); the configured meter and switch-port series (<c>Twin:Meters</c>) go one call per
/// power node, link or facility meter.
/// </summary>
public sealed class PrometheusIngestor(TelemetryDispatcher dispatcher, IClusterClient client, IOptions<MeterRules> meters, TimeProvider time)
{
    private readonly HashSet<string> _meterNames = new(meters.Value.MetricNames(), StringComparer.Ordinal);

    /// <returns>The reply, or why the body is unusable as a whole (with the line issues found).</returns>
    public async Task<(IngestReply? Reply, string? Unusable, IReadOnlyList<ParseIssue> Issues)> Ingest(
        string facility, string text, string? host, string? endpoint)
    {
        var now = time.GetUtcNow();
        var mapper = new TelemetryMapper(host, now);
        var meterPoints = new List<MetricPoint>();
        var lines = PrometheusTextParser.Parse(text, mapper, _meterNames, meterPoints);
        var mapped = mapper.Finish();
        if (lines.Lines == 0)
        {
            return (null, "The body holds no samples (an empty scrape, or only comments).", mapped.Issues);
        }

        if (lines.NoneReadable)
        {
            return (null, "No line of the body could be read as a Prometheus sample.", mapped.Issues);
        }

        var metering = meterPoints.Count == 0 ? null : Meter(facility, meterPoints, now);
        var reply = await dispatcher.Dispatch(facility, mapped, host, endpoint);
        if (metering is null)
        {
            return (reply, null, mapped.Issues);
        }

        var (accepted, unmapped) = await metering;
        return (reply with
        {
            Accepted = reply.Accepted + accepted,
            Rejected = reply.Rejected + unmapped,
            Errors = unmapped == 0
                ? reply.Errors
                : [.. reply.Errors, new IngestProblem($"{unmapped} meter or switch-port series name a device or port that Twin:Meters does not map")],
        }, null, mapped.Issues);
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
