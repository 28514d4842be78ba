using System.Globalization;
using TokenFactoryTwin.Abstractions.Telemetry;

namespace TokenFactoryTwin.Domain.Telemetry.Mapping;

/// <summary>
/// Turns parsed series into GPU samples. dcgm-exporter series name their host (<c>Hostname</c>, unless the request
/// names one, which wins) and GPU (<c>gpu</c> index, <c>UUID</c>); all readings of one GPU at one instant become one
/// sample. Under MIG a GPU repeats as several series (<c>GPU_I_ID</c>): device-level values (power, energy,
/// temperature, utilisation) are taken once, never summed; memory used is per instance and is summed.
/// Inference-server token counters are summed over their series (several engines) into one server reading.
/// Non-finite values are skipped and reported; range checks are the rack's (one rule for every format).
/// </summary>
public static class TelemetryMapper
{
    public static MappedTelemetry Map(IReadOnlyList<MetricPoint> points, string? host, DateTimeOffset now, MappedTelemetry? into = null)
    {
        var mapped = into ?? new MappedTelemetry();
        var gpus = new Dictionary<(string Host, int Gpu, long Ms), GpuBuilder>();
        var tokens = new SortedDictionary<long, (double? Prompt, double? Generation, double? Running)>();
        var nowMs = now.ToUnixTimeMilliseconds();

        foreach (var point in points)
        {
            if (!MetricNames.TryGet(point.Name, out var field))
            {
                mapped.Ignored++;
                continue;
            }

            if (!double.IsFinite(point.Value))
            {
                Report(mapped, point.Line, $"{point.Name}{Where(point)}: value {point.Value.ToString(CultureInfo.InvariantCulture)} is not a finite number; skipped");
                continue;
            }

            var ms = point.TimestampMs ?? nowMs;
            if (MetricNames.IsServerLevel(field))
            {
                // Series of several engines at one instant add up; readings at different instants stay apart.
                var (prompt, generation, running) = tokens.GetValueOrDefault(ms);
                tokens[ms] = field switch
                {
                    MetricField.PromptTokens => ((prompt ?? 0) + point.Value, generation, running),
                    MetricField.GenerationTokens => (prompt, (generation ?? 0) + point.Value, running),
                    _ => (prompt, generation, (running ?? 0) + point.Value),
                };
                continue;
            }

            var hostName = host ?? point.Label("Hostname") ?? point.Label("hostname") ?? point.Label("host.name");
            if (string.IsNullOrEmpty(hostName))
            {
                Report(mapped, point.Line, $"{point.Name}: no Hostname label and no host named by the request; skipped");
                continue;
            }

            if (!int.TryParse(point.Label("gpu"), NumberStyles.None, CultureInfo.InvariantCulture, out var gpu))
            {
                Report(mapped, point.Line, $"{point.Name}: no numeric 'gpu' label; skipped");
                continue;
            }

            var key = (hostName, gpu, ms);
            if (!gpus.TryGetValue(key, out var builder))
            {
                gpus[key] = builder = new GpuBuilder();
            }

            builder.Uuid ??= point.Label("UUID");
            builder.Set(field, point.Value, point.Label("GPU_I_ID"));
        }

        foreach (var ((hostName, gpu, ms), builder) in gpus)
        {
            mapped.Gpus.Add(new HostedSample(hostName, builder.Build(gpu, DateTimeOffset.FromUnixTimeMilliseconds(ms))));
        }

        foreach (var (ms, (prompt, generation, running)) in tokens)
        {
            mapped.Tokens.Add(new ServerTokens(DateTimeOffset.FromUnixTimeMilliseconds(ms), prompt, generation, running));
        }

        return mapped;
    }

    private static string Where(MetricPoint point) =>
        point.Label("gpu") is { } gpu ? $" (gpu {gpu}{(point.Label("Hostname") is { } h ? $" on {h}" : "")})" : "";

    private static void Report(MappedTelemetry mapped, int line, string reason)
    {
        if (mapped.Issues.Count < Prometheus.PrometheusTextParser.MaxIssues)
        {
            mapped.Issues.Add(new ParseIssue(line, reason));
        }
    }

    private sealed class GpuBuilder
    {
        private readonly double?[] _values = new double?[Enum.GetValues<MetricField>().Length];
        private HashSet<string>? _memoryInstances;

        public string? Uuid { get; set; }

        public void Set(MetricField field, double value, string? migInstance)
        {
            ref var slot = ref _values[(int)field];
            if (field == MetricField.MemoryUsedMiB && migInstance is not null)
            {
                if ((_memoryInstances ??= []).Add(migInstance))
                {
                    slot = (slot ?? 0) + value;
                }

                return;
            }

            // Device-level values repeat on every MIG instance (and a duplicated series repeats itself): first one wins.
            slot ??= value;
        }

        public GpuSample Build(int gpu, DateTimeOffset timestamp) => new(
            gpu,
            timestamp,
            PowerW: _values[(int)MetricField.PowerW],
            EnergyMillijoules: _values[(int)MetricField.EnergyMillijoules],
            UtilizationPercent: _values[(int)MetricField.UtilizationPercent],
            TemperatureC: _values[(int)MetricField.TemperatureC],
            MemoryUsedMiB: _values[(int)MetricField.MemoryUsedMiB],
            Uuid: Uuid);
    }
}
