using System.Text;
using System.Text.Json;
using TokenFactoryTwin.Domain.Telemetry.Mapping;
using TokenFactoryTwin.Domain.Telemetry.Otlp;

namespace TokenFactoryTwin.UnitTests.Telemetry;

public sealed class OtlpJsonParserTests
{
    private static OtlpMetricsBatch Parse(string json) => OtlpJsonParser.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void The_spec_example_counts_four_metrics_two_usable_points_and_two_histograms()
    {
        var batch = OtlpJsonParser.Parse(Captures.Bytes(Captures.Otlp));

        Assert.Equal(4, batch.Metrics);
        Assert.Equal(4, batch.DataPoints);
        Assert.Equal(2, batch.Unsupported);
        Assert.Equal(0, batch.Rejected);
        Assert.Equal(["my.counter", "my.gauge"], batch.Points.Select(p => p.Name));
        Assert.Equal([5.0, 10.0], batch.Points.Select(p => p.Value));
        Assert.All(batch.Points, p => Assert.Equal(1544712660300, p.TimestampMs));
        Assert.Equal("my.service", batch.Points[0].Label("service.name"));
        Assert.Equal("some value", batch.Points[0].Label("my.counter.attr"));
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
        var batch = Parse(json);
        var mapped = TelemetryMapper.Map(batch.Points, null, DateTimeOffset.UnixEpoch);

        Assert.Equal(3, batch.DataPoints);
        Assert.Equal([113.611, 68.0], mapped.Gpus.OrderBy(g => g.Sample.GpuIndex).Select(g => g.Sample.PowerW!.Value));
        Assert.All(mapped.Gpus, g => Assert.Equal("gpu-node-1", g.Host));
        Assert.Equal(12345, mapped.Tokens.Single().GenerationTokens);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1773114071000), mapped.Tokens.Single().Timestamp);
    }

    [Fact]
    public void Unreadable_points_are_counted_as_rejected_with_a_reason()
    {
        var batch = Parse("""{"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"m","gauge":{"dataPoints":[{"timeUnixNano":"1"},{"asInt":"x"},{"asDouble":1,"timeUnixNano":"-5"}]}}]}]}]}""");

        Assert.Equal(3, batch.Rejected);
        Assert.Empty(batch.Points);
        Assert.Contains("neither asDouble nor asInt", batch.Issues[0].Reason);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{\"resourceMetrics\":{}}")]
    [InlineData("{\"resourceMetrics\":[{\"scopeMetrics\":[{\"metrics\":7}]}]}")]
    [InlineData("{not json")]
    public void Shapes_that_are_not_an_export_request_throw_JsonException(string json)
    {
        Assert.ThrowsAny<JsonException>(() => Parse(json));
    }
}
