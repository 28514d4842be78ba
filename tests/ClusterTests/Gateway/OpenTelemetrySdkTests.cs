using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Resources;
using TokenFactoryTwin.ClusterTests.Infrastructure;
using TokenFactoryTwin.Gateway.Otlp;

namespace TokenFactoryTwin.ClusterTests.Gateway;

/// <summary>
/// The OpenTelemetry .NET SDK's own OTLP exporter, in this process, exporting dcgm-exporter's GPU gauges and
/// TensorRT-LLM's token counters (names that are valid OpenTelemetry instrument names) from a resource naming the host,
/// over HTTP/protobuf (gzip) and over gRPC, flushed by hand so each export is one known collection.
/// </summary>
[Collection(TwinClusterCollection.Name)]
public sealed class OpenTelemetrySdkTests(TwinClusterFixture fixture)
{
    private long _prompt = 1_000;
    private long _generated = 500;

    [Fact]
    public async Task Http_protobuf_values_arrive_exactly_and_a_rejected_point_is_partial_success_in_the_response()
    {
        await using var twin = await LiveTwin.Start(fixture, kestrel: true);
        await twin.RegisterLiveRack();
        var recorder = new RecordingHandler();

        using (var sdk = Exporting(rejectOne: true, exporter =>
        {
            exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
            exporter.Endpoint = new Uri(twin.Http.BaseAddress!, "/v1/metrics");
            exporter.Compression = OtlpExportCompression.GZip;
            exporter.HttpClientFactory = () => new HttpClient(recorder);
        }, out var meter))
        {
            await ExportTwice(sdk);
            meter.Dispose();
        }

        await AssertArrived(twin);
        // The two flushes; the SDK's last export as it shuts down, after the meter is gone, has nothing to refuse.
        Assert.True(recorder.Responses.Count >= 2);
        Assert.All(recorder.Responses, r => Assert.Equal(System.Net.HttpStatusCode.OK, r.Status));
        Assert.All(recorder.Responses.Take(2), r =>
        {
            var response = ExportMetricsServiceResponse.Parser.ParseFrom(r.Body);
            Assert.Equal(1, response.PartialSuccess.RejectedDataPoints);
            Assert.Contains("no numeric 'gpu' label", response.PartialSuccess.ErrorMessage);
        });
    }

    [Fact]
    public async Task Grpc_values_arrive_exactly_on_the_grpc_port()
    {
        await using var twin = await LiveTwin.Start(fixture, new Dictionary<string, string?> { ["Twin:Otlp:GrpcEndpoint"] = "127.0.0.1:0" });
        await twin.RegisterLiveRack();
        var grpc = twin.Gateway.Services.GetRequiredService<OtlpGrpcServer>().Address;
        Assert.NotNull(grpc);

        using (var sdk = Exporting(rejectOne: false, exporter =>
        {
            exporter.Protocol = OtlpExportProtocol.Grpc;
            exporter.Endpoint = grpc;
        }, out var meter))
        {
            await ExportTwice(sdk);
            meter.Dispose();
        }

        await AssertArrived(twin);
    }

    private MeterProvider Exporting(bool rejectOne, Action<OtlpExporterOptions> configure, out Meter meter)
    {
        var instruments = new Meter($"tft.sdk.{Guid.NewGuid():N}");
        instruments.CreateObservableGauge("DCGM_FI_DEV_POWER_USAGE", () => Powers(rejectOne), unit: "W");
        instruments.CreateObservableCounter("trtllm_prompt_tokens_total", () => Volatile.Read(ref _prompt));
        instruments.CreateObservableCounter("trtllm_generation_tokens_total", () => Volatile.Read(ref _generated));
        meter = instruments;
        return Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateEmpty().AddAttributes([new("host.name", LiveTwin.Host), new("service.name", "sdk-test")]))
            .AddMeter(instruments.Name)
            .AddOtlpExporter((exporter, reader) =>
            {
                configure(exporter);
                // Exports happen when the test flushes, not on a timer.
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 3_600_000;
            })
            .Build();
    }

    private static IEnumerable<Measurement<double>> Powers(bool rejectOne)
    {
        for (var gpu = 0; gpu < 8; gpu++)
        {
            yield return new Measurement<double>(Captures.H100Power[gpu], new KeyValuePair<string, object?>("gpu", gpu.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (rejectOne)
        {
            yield return new Measurement<double>(70, new KeyValuePair<string, object?>("gpu", "nvidia9"));
        }
    }

    /// <summary>Two collections, the counters moved between them (the twin needs two to see a rate).</summary>
    private async Task ExportTwice(MeterProvider sdk)
    {
        Assert.True(sdk.ForceFlush(10_000), "the first export");
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        Interlocked.Add(ref _prompt, 3_000);
        Interlocked.Add(ref _generated, 1_500);
        Assert.True(sdk.ForceFlush(10_000), "the second export");
    }

    private static async Task AssertArrived(LiveTwin twin)
    {
        var detail = await Eventually.Get(twin.LiveDetail, d => d.GpuStatuses.Take(8).All(g => g.TokensPerSecond > 0), what: "token rates on the host's GPUs");
        Assert.Equal(Captures.H100Power, detail.GpuStatuses.Take(8).Select(g => g.PowerW!.Value));
        // 1,500 of the 4,500 tokens were generated, whatever the interval the SDK timed.
        Assert.All(detail.GpuStatuses.Take(8), g => Assert.Equal(g.TokensPerSecond / 3, g.OutputTokensPerSecond, 6));
    }
}
