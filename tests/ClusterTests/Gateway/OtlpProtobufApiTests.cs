using System.IO.Compression;
using System.Net;
using Google.Protobuf;
using Google.Rpc;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using TokenFactoryTwin.ClusterTests.Infrastructure;
using TokenFactoryTwin.Gateway.Otlp;

namespace TokenFactoryTwin.ClusterTests.Gateway;

/// <summary>OTLP in protobuf over HTTP and gRPC: refusals in the encoding of the request, with OTLP's status codes.</summary>
[Collection(TwinClusterCollection.Name)]
public sealed class OtlpProtobufApiTests(TwinClusterFixture fixture)
{
    private const string Export = "/opentelemetry.proto.collector.metrics.v1.MetricsService/Export";

    private static string Power(SampleTimes at) => $$$"""
        {"resourceMetrics":[{"resource":{"attributes":[{"key":"host.name","value":{"stringValue":"{{{LiveTwin.Host}}}"}}]},
          "scopeMetrics":[{"metrics":[{"name":"DCGM_FI_DEV_POWER_USAGE","gauge":{"dataPoints":[
            {"asDouble":113.611,"timeUnixNano":"{{{at.Nanos(1)}}}","attributes":[{"key":"gpu","value":{"intValue":"0"}}]},
            {"asDouble":"NaN","timeUnixNano":"{{{at.Nanos(1)}}}","attributes":[{"key":"gpu","value":{"intValue":"1"}}]}]}}]}]}]}
        """;

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }

    [Fact]
    public async Task Protobuf_answers_protobuf_partial_success_and_refusals_are_Status_messages()
    {
        await using var twin = await LiveTwin.Start(fixture);
        await twin.RegisterLiveRack();

        var accepted = await twin.Http.PostAsync("/v1/metrics", WireBodies.Protobuf(Gzip(WireBodies.Otlp(Power(SampleTimes.Now()))), "gzip"));
        var fingerprint = await twin.Fingerprint();
        var truncated = await twin.Http.PostAsync("/v1/metrics", WireBodies.Protobuf(WireBodies.Otlp(Power(SampleTimes.Now()))[..40]));
        var bomb = await twin.Http.PostAsync("/v1/metrics", WireBodies.Protobuf(Gzip(new byte[40_000_000]), "gzip"));

        Assert.Equal("application/x-protobuf", accepted.Content.Headers.ContentType?.MediaType);
        var response = ExportMetricsServiceResponse.Parser.ParseFrom(await accepted.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, response.PartialSuccess.RejectedDataPoints);
        Assert.Contains("finite", response.PartialSuccess.ErrorMessage);
        Assert.Equal(113.611, (await twin.LiveDetail()).GpuStatuses[0].PowerW);
        Assert.Equal(HttpStatusCode.BadRequest, truncated.StatusCode);
        var status = Status.Parser.ParseFrom(await truncated.Content.ReadAsByteArrayAsync());
        Assert.Equal((int)Grpc.Core.StatusCode.InvalidArgument, status.Code);
        Assert.Contains("not an OTLP ExportMetricsServiceRequest (protobuf)", status.Message);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, bomb.StatusCode);
        Assert.Contains("inflates to more than", Status.Parser.ParseFrom(await bomb.Content.ReadAsByteArrayAsync()).Message);
        await twin.AssertUnharmed(fingerprint, 1);
    }

    [Fact]
    public async Task Over_the_write_limit_protobuf_gets_429_with_Retry_After()
    {
        await using var twin = await LiveTwin.Start(fixture, new Dictionary<string, string?> { ["Twin:RateLimit:PermitsPerWindow"] = "1", ["Twin:RateLimit:WindowSeconds"] = "60" });
        var body = WireBodies.Otlp(Power(SampleTimes.Now()));

        await twin.Http.PostAsync("/v1/metrics", WireBodies.Protobuf(body));
        var refused = await twin.Http.PostAsync("/v1/metrics", WireBodies.Protobuf(body));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task Grpc_maps_and_answers_partial_success_and_refuses_bad_bytes_as_invalid_argument()
    {
        await using var twin = await LiveTwin.Start(fixture, new Dictionary<string, string?> { ["Twin:Otlp:GrpcEndpoint"] = "127.0.0.1:0" });
        await twin.RegisterLiveRack();
        var grpc = twin.Gateway.Services.GetRequiredService<OtlpGrpcServer>().Address!;

        var (ok, _, _, answer) = await GrpcCall.Unary(grpc, Export, WireBodies.Otlp(Power(SampleTimes.Now())));
        var (bad, why, _, _) = await GrpcCall.Unary(grpc, Export, [0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f]);

        Assert.Equal(0, ok);
        Assert.Equal(1, ExportMetricsServiceResponse.Parser.ParseFrom(answer).PartialSuccess.RejectedDataPoints);
        Assert.Equal((int)Grpc.Core.StatusCode.InvalidArgument, bad);
        Assert.Contains("declares", why);
    }

    [Fact]
    public async Task Grpc_under_backpressure_is_resource_exhausted_with_retry_info_and_needs_a_key_when_keys_are_on()
    {
        await using var twin = await LiveTwin.Start(fixture, new Dictionary<string, string?>
        {
            ["Twin:Otlp:GrpcEndpoint"] = "127.0.0.1:0",
            ["Twin:Backpressure:MaxConcurrentWrites"] = "1",
            ["Twin:Backpressure:MaxQueuedWrites"] = "0",
            ["Twin:Backpressure:RetryAfterSeconds"] = "3",
            ["Twin:ApiKeys:0:Name"] = "collector",
            ["Twin:ApiKeys:0:Key"] = "collector-key-0123456789",
            ["Twin:ApiKeys:0:Roles:0"] = "ingest",
        });
        var grpc = twin.Gateway.Services.GetRequiredService<OtlpGrpcServer>().Address!;
        var body = WireBodies.Otlp(Power(SampleTimes.Now()));

        var (anonymous, _, _, _) = await GrpcCall.Unary(grpc, Export, body);
        // One write at a time and none waiting: of many at once, some are turned away.
        var calls = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => GrpcCall.Unary(grpc, Export, body, "Bearer collector-key-0123456789")));

        Assert.Equal((int)Grpc.Core.StatusCode.Unauthenticated, anonymous);
        Assert.All(calls, c => Assert.Contains(c.Status, new[] { 0, (int)Grpc.Core.StatusCode.ResourceExhausted }));
        var (_, _, details, _) = calls.First(c => c.Status == (int)Grpc.Core.StatusCode.ResourceExhausted);
        var retry = Status.Parser.ParseFrom(details).Details.Single().Unpack<RetryInfo>();
        Assert.Equal(TimeSpan.FromSeconds(3), retry.RetryDelay.ToTimeSpan());
    }

    [Fact]
    public async Task A_grpc_port_already_taken_turns_off_grpc_alone_and_says_so()
    {
        using var squatter = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var taken = ((IPEndPoint)squatter.LocalEndpoint).Port;

        await using var twin = await LiveTwin.Start(fixture, new Dictionary<string, string?> { ["Twin:Otlp:GrpcEndpoint"] = $"127.0.0.1:{taken}" });
        await twin.RegisterLiveRack();

        Assert.Null(twin.Gateway.Services.GetRequiredService<OtlpGrpcServer>().Address);
        Assert.Contains(twin.Gateway.Logs.Lines, l => l.Contains("OTLP/gRPC is off", StringComparison.Ordinal) && l.Contains($"{taken}", StringComparison.Ordinal));
        var body = WireBodies.Otlp(Power(SampleTimes.Now()));
        Assert.Equal(HttpStatusCode.OK, (await twin.Http.PostAsync("/v1/metrics", WireBodies.Protobuf(body))).StatusCode);
    }
}
