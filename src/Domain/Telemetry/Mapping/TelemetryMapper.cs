using System.Globalization;
using TokenFactoryTwin.Abstractions.Telemetry;

namespace TokenFactoryTwin.Domain.Telemetry.Mapping;

/// <summary>
/// The one mapper of every metric format (Prometheus text, OTLP JSON; protobuf and remote write would feed it the
/// same way): its parser hands it each series it reads, and it packs the reading straight into its host's batch.
/// dcgm-exporter series name their host (<c>Hostname</c>, unless the request names one, which wins) and GPU
/// (<c>gpu</c> index, <c>UUID</c>); every reading of one GPU at one instant becomes one sample. Inference-server
/// token counters are summed over their series (several engines) into one server reading per instant, with the model
/// their <c>model_name</c> names. Each GPU's Kubernetes workload (namespace, pod, container) is noted once per body
/// and rides beside its host's batch, never in the packed samples. Non-finite
/// values are refused with the series named; range checks are the rack's (one rule for every format).
/// </summary>
public sealed class TelemetryMapper
{
    private readonly string? _host;
    private readonly long _nowMs;
    private readonly MappedTelemetry _mapped = new();
    private readonly Dictionary<string, HostSamples> _hosts = new(StringComparer.Ordinal);
    private SortedDictionary<long, (double? Prompt, double? Generation, double? Running)>? _tokens;
    private string? _model;
    private HostSamples? _lastHost;

    /// <param name="host">The host the request names (<c>?host=</c>): it wins over the series' own host labels.</param>
    /// <param name="now">The time of readings that carry none (Prometheus scrapes usually do not).</param>
    public TelemetryMapper(string? host, DateTimeOffset now)
    {
        _host = host;
        _nowMs = now.ToUnixTimeMilliseconds();
    }

    public void Map(GpuMetrics reading, ReadOnlySpan<char> name, scoped in SeriesLabels labels, double value, long? timestampMs, int line)
    {
        if (!double.IsFinite(value))
        {
            Refuse(line, $"{name}{Where(labels)}: value {value.ToString(CultureInfo.InvariantCulture)} is not a finite number; skipped");
            return;
        }

        var ms = timestampMs ?? _nowMs;
        if (MetricNames.IsServerLevel(reading))
        {
            NoteModel(name, labels, line);

            // Series of several engines at one instant add up; readings at different instants stay apart.
            var (prompt, generation, running) = (_tokens ??= []).GetValueOrDefault(ms);
            _tokens[ms] = reading switch
            {
                GpuMetrics.PromptTokens => ((prompt ?? 0) + value, generation, running),
                GpuMetrics.GenerationTokens => (prompt, (generation ?? 0) + value, running),
                _ => (prompt, generation, (running ?? 0) + value),
            };
            return;
        }

        var host = _host is not null ? _host.AsSpan() : labels.TryGetHost(out var labelled) ? labelled : default;
        if (host.IsEmpty)
        {
            Refuse(line, $"{name}: no Hostname label and no host named by the request; skipped");
            return;
        }

        if (!labels.TryGetGpu(out var gpuText) || !int.TryParse(gpuText, NumberStyles.None, CultureInfo.InvariantCulture, out var gpu))
        {
            Refuse(line, $"{name}: no numeric 'gpu' label; skipped");
            return;
        }

        var samples = HostOf(host);
        samples.Set(gpu, ms, reading, value, labels);
        if (samples.Unnoted(gpu))
        {
            samples.Note(gpu, labels.TryGetUuid(out var uuid) ? uuid.ToString() : null, WorkloadOf(name, labels, line));
        }
    }

    /// <summary>
    /// The Kubernetes workload a GPU's series name, read from its first series in the body: a tenant (namespace) is
    /// needed, pod and container are kept where present. A label past <see cref="WorkloadLabelLimits"/> leaves the GPU
    /// unlabelled and is reported, without refusing the reading.
    /// </summary>
    private GpuWorkload? WorkloadOf(ReadOnlySpan<char> name, scoped in SeriesLabels labels, int line)
    {
        if (!labels.TryGetNamespace(out var tenant) || tenant.IsEmpty)
        {
            return null;
        }

        var pod = labels.TryGetPod(out var p) && !p.IsEmpty ? p : default;
        var container = labels.TryGetContainer(out var c) && !c.IsEmpty ? c : default;
        if (!WorkloadLabelLimits.Fits(tenant) || !WorkloadLabelLimits.Fits(pod) || !WorkloadLabelLimits.Fits(container))
        {
            _mapped.DropLabel(line, $"{name}{Where(labels)}: a namespace, pod or container label is longer than {WorkloadLabelLimits.MaxLength} characters; the GPU is counted as unlabelled");
            return null;
        }

        return new GpuWorkload(tenant.ToString(), pod.IsEmpty ? null : pod.ToString(), container.IsEmpty ? null : container.ToString());
    }

    /// <summary>The model a server's token series name; the first one in the body names the server's.</summary>
    private void NoteModel(ReadOnlySpan<char> name, scoped in SeriesLabels labels, int line)
    {
        if (_model is not null || !labels.TryGetModel(out var model) || model.IsEmpty)
        {
            return;
        }

        if (!WorkloadLabelLimits.Fits(model))
        {
            _mapped.DropLabel(line, $"{name}: the model_name label is longer than {WorkloadLabelLimits.MaxLength} characters; the tokens are counted without a model");
            _model = "";
            return;
        }

        _model = model.ToString();
    }

    /// <summary>A line or series that could not be read or used, and why; <paramref name="line"/> is 0 where the format has no lines.</summary>
    public void Refuse(int line, string reason) => _mapped.Refuse(line, reason);

    /// <summary>A series of a name the twin does not map.</summary>
    public void Ignore() => _mapped.Ignored++;

    /// <summary>Everything mapped; the mapper is done with after this.</summary>
    public MappedTelemetry Finish()
    {
        if (_tokens is not null)
        {
            var model = string.IsNullOrEmpty(_model) ? null : _model;
            _mapped.Tokens = [.. _tokens.Select(t => new ServerTokens(DateTimeOffset.FromUnixTimeMilliseconds(t.Key), t.Value.Prompt, t.Value.Generation, t.Value.Running, model))];
        }

        foreach (var host in _hosts.Values)
        {
            host.Complete();
        }

        return _mapped;
    }

    /// <summary>The host's batch, found by the name's characters: consecutive series of one host are the common case.</summary>
    private HostSamples HostOf(ReadOnlySpan<char> host)
    {
        if (_lastHost is { } last && host.SequenceEqual(last.Destination.Key))
        {
            return last;
        }

        var lookup = _hosts.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(host, out var samples))
        {
            samples = new HostSamples(_host ?? host.ToString());
            _hosts.Add(samples.Destination.Key, samples);
            _mapped.AddHost(samples.Destination);
        }

        return _lastHost = samples;
    }

    private static string Where(scoped in SeriesLabels labels) => labels.TryGetGpu(out var gpu)
        ? $" (gpu {gpu}{(labels.TryGetHostnameLabel(out var host) ? $" on {host}" : "")})"
        : "";
}
