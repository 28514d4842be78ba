using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using TokenFactoryTwin.Domain.Telemetry;
using TokenFactoryTwin.Domain.Telemetry.Mapping;
using TokenFactoryTwin.Domain.Telemetry.Native;
using TokenFactoryTwin.Domain.Telemetry.Otlp;
using TokenFactoryTwin.Domain.Telemetry.Prometheus;

namespace TokenFactoryTwin.MicroBench;

/// <summary>
/// The gateway's parse-map-pack step for each telemetry format, from the request body's bytes to packed per-host (or
/// per-rack) batches ready for one grain call each: a real dcgm-exporter scrape of an 8×H100 host, the same scrape
/// sent as OTLP/JSON, the OpenTelemetry project's OTLP/JSON metrics example, and a native JSON batch of 72 GPUs.
/// Divide the body size (printed at setup) by the median for bytes/s, and the GPU samples it yields by the median
/// for samples/s.
/// </summary>
public class ParserBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 15, 0, 0, TimeSpan.Zero);
    private static readonly HashSet<string> NoMeters = [];

    private byte[] _prometheus = [];
    private byte[] _otlpDcgm = [];
    private byte[] _otlp = [];
    private byte[] _native = [];

    [GlobalSetup]
    public void Setup()
    {
        _prometheus = File.ReadAllBytes(TestData("dcgm_exporter_aicr_eks_8xH100_sampled.prom"));
        _otlpDcgm = OtlpOf(Encoding.UTF8.GetString(_prometheus));
        _otlp = File.ReadAllBytes(TestData("otlp_proto_examples_metrics.json"));
        _native = NativeBatch72();
        Console.WriteLine($"// bodies: prometheus {_prometheus.Length} B -> {Prometheus()} GPU samples; otlp dcgm {_otlpDcgm.Length} B -> " +
            $"{OtlpDcgm()} GPU samples; otlp example {_otlp.Length} B -> {Otlp()} GPU samples; native {_native.Length} B -> {Native()} GPU samples");
    }

    [Benchmark(Description = "Prometheus text: dcgm-exporter 8xH100 scrape, parse + map + pack")]
    public int Prometheus()
    {
        var text = Encoding.UTF8.GetString(_prometheus);
        var mapper = new TelemetryMapper(null, Now);
        PrometheusTextParser.Parse(text, mapper, NoMeters, []);
        return Count(mapper.Finish().Hosts);
    }

    [Benchmark(Description = "OTLP JSON: the dcgm-exporter 8xH100 scrape as OTLP, parse + map + pack")]
    public int OtlpDcgm() => ParseMapPackOtlp(_otlpDcgm);

    [Benchmark(Description = "OTLP JSON: metrics example, parse + map + pack")]
    public int Otlp() => ParseMapPackOtlp(_otlp);

    [Benchmark(Description = "Native JSON: 72-GPU batch, read + pack")]
    public int Native() => Count(NativeBatchReader.Read(_native).Destinations);

    private static int ParseMapPackOtlp(byte[] body)
    {
        var mapper = new TelemetryMapper(null, Now);
        OtlpJsonParser.Parse(body, mapper);
        return Count(mapper.Finish().Hosts);
    }

    /// <summary>The samples of the packed batches, one per rack or host, built as the dispatcher sends them.</summary>
    private static int Count(IReadOnlyList<SampleDestination> destinations)
    {
        var samples = 0;
        foreach (var destination in destinations)
        {
            samples += destination.Samples.Build().Count;
        }

        return samples;
    }

    /// <summary>
    /// A Prometheus scrape as an OpenTelemetry collector's prometheus receiver would forward it over OTLP/JSON: one
    /// gauge per series, its <c>Hostname</c> as the resource's <c>host.name</c>, its other labels as attributes.
    /// </summary>
    private static byte[] OtlpOf(string text)
    {
        var points = new List<MetricPoint>();
        PrometheusTextParser.Parse(text, null, points, []);
        var nanos = (Now.ToUnixTimeMilliseconds() * 1_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var resources = points.GroupBy(p => p.Label("Hostname") ?? "").Select(host => new
        {
            resource = new { attributes = new[] { new { key = "host.name", value = new { stringValue = host.Key } } } },
            scopeMetrics = new[]
            {
                new
                {
                    metrics = host.GroupBy(p => p.Name).Select(series => new
                    {
                        name = series.Key,
                        gauge = new
                        {
                            dataPoints = series.Select(p => new
                            {
                                asDouble = p.Value,
                                timeUnixNano = nanos,
                                attributes = p.Labels.Where(l => l.Key != "Hostname")
                                    .Select(l => new { key = l.Key, value = new { stringValue = l.Value } }).ToArray(),
                            }).ToArray(),
                        },
                    }).ToArray(),
                },
            },
        }).ToArray();
        return JsonSerializer.SerializeToUtf8Bytes(new { resourceMetrics = resources }, JsonSerializerOptions.Web);
    }

    private static byte[] NativeBatch72()
    {
        var samples = Enumerable.Range(0, 72).Select(g => new
        {
            gpu = $"h01-r01-01-g{g}",
            timestamp = Now,
            powerW = 1012.5,
            energyMillijoules = 123_456_789_000.0,
            utilizationPercent = 87.0,
            temperatureC = 61.5,
            memoryUsedMiB = 201_326.0,
            promptTokens = 1_234_567_890.0,
            generationTokens = 529_100_524.0,
        });
        return JsonSerializer.SerializeToUtf8Bytes(new { samples }, JsonSerializerOptions.Web);
    }

    /// <summary>The repository's test data folder, found upwards from where the benchmark runs.</summary>
    private static string TestData(string file)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "tests", "TestData", file);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException($"tests/TestData/{file} not found above {AppContext.BaseDirectory}: run from inside the repository");
    }
}
