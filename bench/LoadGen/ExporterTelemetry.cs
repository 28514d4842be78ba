using System.Globalization;
using System.Text;
using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Metrics.V1;
using OpenTelemetry.Proto.Resource.V1;
using Prometheus.Prompb;
using Snappier;

namespace TokenFactoryTwin.LoadGen;

/// <summary>
/// The same GPUs' telemetry as exporters send it (<c>--form prometheus|remote-write|otlp</c>): dcgm-exporter's five
/// series per GPU (power, energy, utilisation, temperature, memory) with its labels (Hostname, gpu, UUID, device,
/// modelName, pci_bus_id, driver), each host a tray of the live GB300 racks (18 hosts × 4 GPUs). As Prometheus text with
/// sample timestamps, as a snappy remote-write 1.0 WriteRequest, or as an OTLP protobuf export with a resource per host.
/// A batch is whole racks. Token counters are server-level and not sent: these forms measure the GPU path.
/// </summary>
public sealed class ExporterTelemetry(LoadOptions options, IReadOnlyList<string> rackIds) : ITelemetrySource
{
    private const int HostsPerRack = 18;
    private const int GpusPerHost = 4;

    private static readonly string[] Names =
        ["DCGM_FI_DEV_POWER_USAGE", "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION", "DCGM_FI_DEV_GPU_UTIL", "DCGM_FI_DEV_GPU_TEMP", "DCGM_FI_DEV_FB_USED"];

    private readonly int _racks = options.Racks;
    private readonly int _racksPerBatch = Math.Max(1, options.BatchSamples / LoadOptions.GpusPerRack);
    private double _energyMj;

    public double RateAt(long second) => SyntheticTelemetry.LowTokensPerSecond;

    public int GpusIn(int batch) => Math.Min(_racksPerBatch, _racks - batch * _racksPerBatch) * LoadOptions.GpusPerRack;

    public IReadOnlyList<ReadOnlyMemory<byte>> Interval(long unixMs, double seconds)
    {
        _energyMj += 1_000_000 * seconds;
        var ms = unixMs;
        double[] values = [1000, _energyMj, 60, 60, 200000];
        var batches = new List<ReadOnlyMemory<byte>>();
        for (var first = 0; first < _racks; first += _racksPerBatch)
        {
            var racks = rackIds.Skip(first).Take(Math.Min(_racksPerBatch, _racks - first)).ToList();
            batches.Add(options.Form switch
            {
                "prometheus" => Text(racks, values, ms),
                "remote-write" => Snappy.CompressToArray(RemoteWrite(racks, values, ms).ToByteArray()),
                _ => Otlp(racks, values, ms).ToByteArray(),
            });
        }

        return batches;
    }

    private static IEnumerable<(string Host, int Gpu, string Uuid)> Gpus(IEnumerable<string> racks) =>
        from rack in racks
        from host in Enumerable.Range(0, HostsPerRack)
        from gpu in Enumerable.Range(0, GpusPerHost)
        select ($"{rack}-n{host:d2}", gpu, $"GPU-{rack}-{host:d2}-{gpu}");

    private static (string Name, string Value)[] Labels(string host, int gpu, string uuid) =>
    [
        ("gpu", gpu.ToString(CultureInfo.InvariantCulture)), ("UUID", uuid), ("device", $"nvidia{gpu}"),
        ("modelName", "NVIDIA GB300"), ("pci_bus_id", "00000000:53:00.0"), ("Hostname", host), ("DCGM_FI_DRIVER_VERSION", "580.105.08"),
    ];

    private static byte[] Text(List<string> racks, double[] values, long ms)
    {
        var text = new StringBuilder();
        for (var n = 0; n < Names.Length; n++)
        {
            foreach (var (host, gpu, uuid) in Gpus(racks))
            {
                text.Append(Names[n]).Append('{')
                    .AppendJoin(',', Labels(host, gpu, uuid).Select(l => $"{l.Name}=\"{l.Value}\""))
                    .Append("} ").Append(values[n].ToString(CultureInfo.InvariantCulture)).Append(' ').Append(ms).Append('\n');
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static WriteRequest RemoteWrite(List<string> racks, double[] values, long ms)
    {
        var request = new WriteRequest();
        foreach (var (host, gpu, uuid) in Gpus(racks))
        {
            for (var n = 0; n < Names.Length; n++)
            {
                var series = new TimeSeries();
                series.Labels.Add(new Prometheus.Prompb.Label { Name = "__name__", Value = Names[n] });
                series.Labels.Add(Labels(host, gpu, uuid).Select(l => new Prometheus.Prompb.Label { Name = l.Name, Value = l.Value }));
                series.Labels.Add(new Prometheus.Prompb.Label { Name = "job", Value = "dcgm" });
                series.Samples.Add(new Sample { Value = values[n], Timestamp = ms });
                request.Timeseries.Add(series);
            }
        }

        return request;
    }

    private static ExportMetricsServiceRequest Otlp(List<string> racks, double[] values, long ms)
    {
        var request = new ExportMetricsServiceRequest();
        var nanos = (ulong)ms * 1_000_000;
        foreach (var host in Gpus(racks).GroupBy(g => g.Host))
        {
            var resource = new ResourceMetrics { Resource = new Resource() };
            resource.Resource.Attributes.Add(new KeyValue { Key = "host.name", Value = new AnyValue { StringValue = host.Key } });
            var scope = new ScopeMetrics();
            for (var n = 0; n < Names.Length; n++)
            {
                var gauge = new Gauge();
                foreach (var (_, gpu, uuid) in host)
                {
                    var point = new NumberDataPoint { AsDouble = values[n], TimeUnixNano = nanos };
                    point.Attributes.Add(Labels(host.Key, gpu, uuid).Where(l => l.Name != "Hostname")
                        .Select(l => new KeyValue { Key = l.Name, Value = new AnyValue { StringValue = l.Value } }));
                    gauge.DataPoints.Add(point);
                }

                scope.Metrics.Add(new Metric { Name = Names[n], Gauge = gauge });
            }

            resource.ScopeMetrics.Add(scope);
            request.ResourceMetrics.Add(resource);
        }

        return request;
    }
}
