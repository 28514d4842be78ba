using TokenFactoryTwin.Abstractions.Telemetry;
using TokenFactoryTwin.Domain.Telemetry.Mapping;

namespace TokenFactoryTwin.Domain.Telemetry.RemoteWrite;

/// <summary>
/// The mappers of one remote-write request. A Prometheus server forwards the series of every target it scrapes in one
/// stream, so an inference server's token counters cannot be told apart by the request, as a scrape or a push of one
/// exporter's text can (<c>?host=</c>); they go to the host their own host label names (<c>hostname</c>, <c>Hostname</c>
/// or <c>host.name</c>, set on the target in <c>prometheus.yml</c>), each host's with a mapper of its own. GPU series
/// name their host themselves and share the <see cref="Default"/> mapper, as do token counters with no host label
/// (and every series when the request names a host).
/// </summary>
public sealed class ServerSeriesMappers(string? host, DateTimeOffset now)
{
    private readonly Dictionary<string, TelemetryMapper> _byHost = new(StringComparer.Ordinal);

    public TelemetryMapper Default { get; } = new(host, now);

    /// <summary>The token counters' mappers by the host their series name.</summary>
    public IReadOnlyDictionary<string, TelemetryMapper> ByHost => _byHost;

    public TelemetryMapper For(GpuMetrics reading, scoped in SeriesLabels labels)
    {
        if (host is not null || !MetricNames.IsServerLevel(reading) || !labels.TryGetHost(out var named) || named.IsEmpty)
        {
            return Default;
        }

        var lookup = _byHost.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(named, out var mapper))
        {
            var key = named.ToString();
            _byHost.Add(key, mapper = new TelemetryMapper(key, now));
        }

        return mapper;
    }
}
