using Microsoft.Extensions.Options;
using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Abstractions.Ingest;
using TokenFactoryTwin.Domain.Telemetry.Mapping;
using TokenFactoryTwin.Domain.Telemetry.Meters;

namespace TokenFactoryTwin.Gateway.Ingest;

/// <summary>
/// The configured meter and switch-port series (<c>Twin:Meters</c>) of a Prometheus body, scraped text or remote
/// write alike: one call per power node, link or facility meter, folded into the body's reply.
/// </summary>
public sealed class MeterIngest(IClusterClient client, IOptions<MeterRules> meters)
{
    /// <summary>The series names the meter rules read, for the parsers to pick out.</summary>
    public HashSet<string> Names { get; } = new(meters.Value.MetricNames(), StringComparer.Ordinal);

    /// <returns><paramref name="reply"/> with the meter readings applied and the unmapped ones refused.</returns>
    public async Task<IngestReply> Apply(string facility, IReadOnlyList<MetricPoint> points, DateTimeOffset now, IngestReply reply)
    {
        if (points.Count == 0)
        {
            return reply;
        }

        var (readings, unmapped) = MeterMapper.Map(points, meters.Value, now.ToUnixTimeMilliseconds());
        var calls = readings.GroupBy(r => r.Target).Select(group =>
            client.Reference<IMeterGrain>(TwinKeys.Meter(facility, group.Key)).Report(group
                .Select(r => new MeterSample(r.Kind, r.Port, DateTimeOffset.FromUnixTimeMilliseconds(r.TimestampMs), r.Value))
                .ToList()));
        var accepted = (await Task.WhenAll(calls)).Sum();
        return reply with
        {
            Accepted = reply.Accepted + accepted,
            Rejected = reply.Rejected + unmapped,
            Errors = unmapped == 0
                ? reply.Errors
                : [.. reply.Errors, new IngestProblem($"{unmapped} meter or switch-port series name a device or port that Twin:Meters does not map")],
        };
    }
}
