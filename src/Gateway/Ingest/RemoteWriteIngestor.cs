using TokenFactoryTwin.Domain.Telemetry.Mapping;
using TokenFactoryTwin.Domain.Telemetry.Protobuf;
using TokenFactoryTwin.Domain.Telemetry.RemoteWrite;

namespace TokenFactoryTwin.Gateway.Ingest;

/// <summary>
/// One Prometheus remote-write request into the twin, mapped exactly as scraped text is (the same mapper, host, GPU
/// and UUID rules, the same discovery of unknown hosts, the same meters), one dispatch per mapper: the GPU series'
/// and the token counters of each host their series name (<see cref="ServerSeriesMappers"/>).
/// </summary>
public sealed class RemoteWriteIngestor(TelemetryDispatcher dispatcher, MeterIngest meters, TimeProvider time)
{
    /// <param name="host">The host the request names (<c>?host=</c>): it owns every series, as for a pushed text body.</param>
    /// <param name="endpoint">The registered inference endpoint that owns token counters with no host label.</param>
    /// <returns>The reply, or why the body is not a WriteRequest.</returns>
    public async Task<(IngestReply? Reply, string? Unusable)> Ingest(string facility, ReadOnlyMemory<byte> request, string? host, string? endpoint)
    {
        var now = time.GetUtcNow();
        var mappers = new ServerSeriesMappers(host, now);
        var meterPoints = new List<MetricPoint>();
        try
        {
            RemoteWriteParser.Parse(request.Span, mappers, meters.Names, meterPoints);
        }
        catch (ProtobufFormatException e)
        {
            return (null, $"The body is not a remote-write WriteRequest (snappy-compressed protobuf): {e.Message}");
        }

        var dispatches = new List<Task<IngestReply>> { dispatcher.Dispatch(facility, mappers.Default.Finish(), host, endpoint) };
        dispatches.AddRange(mappers.ByHost.Select(m => dispatcher.Dispatch(facility, m.Value.Finish(), m.Key, null)));
        var replies = await Task.WhenAll(dispatches);
        var reply = new IngestReply(
            replies.Sum(r => r.Accepted),
            replies.Sum(r => r.Rejected),
            [.. replies.SelectMany(r => r.Errors).Take(IngestReply.MaxErrors)],
            replies.Sum(r => r.Ignored ?? 0),
            replies.Sum(r => r.LabelsDropped ?? 0) is > 0 and var dropped ? dropped : null);
        return (await meters.Apply(facility, meterPoints, now, reply), null);
    }
}
