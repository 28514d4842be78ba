using System.Text;
using System.Text.Json;
using TokenFactoryTwin.Abstractions.Telemetry;
using TokenFactoryTwin.Domain.Telemetry.Mapping;
using TokenFactoryTwin.Domain.Telemetry.Otlp;

namespace TokenFactoryTwin.UnitTests.Telemetry;

public sealed class OtlpJsonParserTests
{
    private static (OtlpExportSummary Summary, MappedTelemetry Mapped) Parse(string json) => Parse(Encoding.UTF8.GetBytes(json));

    private static (OtlpExportSummary Summary, MappedTelemetry Mapped) Parse(byte[] json)
    {
        var mapper = new TelemetryMapper(null, DateTimeOffset.UnixEpoch);
        var summary = OtlpJsonParser.Parse(json, mapper);
        return (summary, mapper.Finish());
    }

    private static List<PackedGpuSample> Samples(MappedTelemetry mapped) =>
        [.. mapped.Hosts.SelectMany(h => h.Samples.Build().Samples.ToArray())];

    [Fact]
    public void The_spec_example_counts_four_metrics_two_readable_points_ignored_and_two_histograms()
    {
        var (summary, mapped) = Parse(Captures.Bytes(Captures.Otlp));

        Assert.Equal(4, summary.Metrics);
        Assert.Equal(4, summary.DataPoints);
        Assert.Equal(2, summary.Unsupported);
        Assert.Equal(0, summary.Rejected);
        Assert.Equal(2, mapped.Ignored);
        Assert.Empty(mapped.Hosts);
        Assert.Empty(mapped.Issues);
    }

    [Fact]
    public void Dcgm_names_with_host_resource_map_like_prometheus()
    {
        const string json = """
            {"resourceMetrics":[{"resource":{"attributes":[{"key":"host.name","value":{"stringValue":"gpu-node-1"}}]},
              "scopeMetrics":[{"metrics":[
                {"name":"DCGM_FI_DEV_POWER_USAGE","gauge":{"dataPoints":[
                  {"asDouble":113.611,"timeUnixNano":"1773114071000000000","attributes":[{"key":"gpu","value":{"stringValue":"0"}}]},
                  {"asInt":"68","timeUnixNano":1773114071000000000,"attributes":[{"key":"gpu","value":{"intValue":"1"}}]}]}},
                {"name":"vllm:generation_tokens_total","sum":{"aggregationTemporality":2,"isMonotonic":true,"dataPoints":[
                  {"asInt":12345,"timeUnixNano":"1773114071000000000"}]}}]}]}]}
            """;
        var (summary, mapped) = Parse(json);

        Assert.Equal(3, summary.DataPoints);
        Assert.Equal("gpu-node-1", summary.FirstHost);
        Assert.Equal(["gpu-node-1"], mapped.Hosts.Select(h => h.Key));
        Assert.Equal([113.611, 68.0], Samples(mapped).OrderBy(s => s.GpuIndex).Select(s => s.Readings.PowerW));
        Assert.All(Samples(mapped), s => Assert.Equal(1773114071000, s.TimestampMs));
        Assert.Equal(12345, mapped.Tokens.Single().GenerationTokens);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1773114071000), mapped.Tokens.Single().Timestamp);
    }

    [Fact]
    public void A_point_attribute_wins_over_its_resource_attribute()
    {
        const string json = """
            {"resourceMetrics":[{"resource":{"attributes":[{"key":"host.name","value":{"stringValue":"collector"}},{"key":"gpu","value":{"intValue":"7"}}]},
              "scopeMetrics":[{"metrics":[{"name":"DCGM_FI_DEV_GPU_TEMP","gauge":{"dataPoints":[
                {"asInt":61,"attributes":[{"key":"host.name","value":{"stringValue":"gpu-node-2"}},{"key":"UUID","value":{"stringValue":"GPU-x"}}]}]}}]}]}]}
            """;
        var (summary, mapped) = Parse(json);

        var host = Assert.Single(mapped.Hosts);
        Assert.Equal(("gpu-node-2", "gpu-node-2"), (host.Key, summary.FirstHost));
        var batch = host.Samples.Build();
        Assert.Equal((7, 61.0, "GPU-x"), (batch.Samples[0].GpuIndex, batch.Samples[0].Readings.TemperatureC, batch.UuidAt(0)));
        Assert.Equal(DateTimeOffset.UnixEpoch, batch.Samples[0].Timestamp);
    }

    [Fact]
    public void Unreadable_points_are_counted_as_rejected_with_a_reason()
    {
        var (summary, mapped) = Parse("""{"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"m","gauge":{"dataPoints":[{"timeUnixNano":"1"},{"asInt":"x"},{"asDouble":1,"timeUnixNano":"-5"}]}}]}]}]}""");

        Assert.Equal(3, summary.Rejected);
        Assert.Equal(3, mapped.Refused);
        Assert.Empty(mapped.Hosts);
        Assert.Contains("neither asDouble nor asInt", mapped.Issues[0].Reason);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{\"resourceMetrics\":{}}")]
    [InlineData("{\"resourceMetrics\":[{\"scopeMetrics\":[{\"metrics\":7}]}]}")]
    [InlineData("{not json")]
    [InlineData("{\"resourceMetrics\":[{\"scopeMetrics\":[{\"metrics\":[{\"name\":\"m\",\"gauge\":{\"dataPoints\":[{\"asInt\":1,\"attributes\":{}}]}}]}]}]}")]
    // Every message field holding another kind of JSON value (the reader itself would throw InvalidOperationException).
    [InlineData("{\"resourceMetrics\":[1]}")]
    [InlineData("{\"resourceMetrics\":[{\"resource\":1}]}")]
    [InlineData("{\"resourceMetrics\":[{\"resource\":{\"attributes\":[{\"key\":\"Hostname\",\"value\":6}]}}]}")]
    [InlineData("{\"resourceMetrics\":[{\"scopeMetrics\":[2]}]}")]
    [InlineData("{\"resourceMetrics\":[{\"scopeMetrics\":[{\"metrics\":[3]}]}]}")]
    [InlineData("{\"resourceMetrics\":[{\"scopeMetrics\":[{\"metrics\":[{\"name\":\"x\",\"gauge\":4}]}]}]}")]
    [InlineData("{\"resourceMetrics\":[{\"scopeMetrics\":[{\"metrics\":[{\"name\":\"x\",\"sum\":\"s\"}]}]}]}")]
    [InlineData("{\"resourceMetrics\":[{\"scopeMetrics\":[{\"metrics\":[{\"name\":\"x\",\"histogram\":7}]}]}]}")]
    [InlineData("{\"resourceMetrics\":[{\"scopeMetrics\":[{\"metrics\":[{\"name\":\"x\",\"gauge\":{\"dataPoints\":[5]}}]}]}]}")]
    [InlineData("{\"resourceMetrics\":[{\"scopeMetrics\":[{\"metrics\":[{\"name\":\"x\",\"gauge\":{\"dataPoints\":[{\"asInt\":1,\"attributes\":[{\"key\":\"Hostname\",\"value\":[]}]}]}}]}]}]}")]
    public void Shapes_that_are_not_an_export_request_throw_JsonException(string json)
    {
        Assert.ThrowsAny<JsonException>(() => Parse(json));
    }

    [Fact]
    public void Null_stands_for_an_absent_field_as_in_the_protobuf_JSON_mapping()
    {
        var (summary, mapped) = Parse("""{"resourceMetrics":[{"resource":null,"scopeMetrics":[{"metrics":[{"name":"m","histogram":null,"gauge":{"dataPoints":[{"asInt":1,"attributes":null}]}}]}]},{"scopeMetrics":null}]}""");

        Assert.Equal(1, summary.Metrics);
        Assert.Empty(mapped.Hosts);
    }
}
