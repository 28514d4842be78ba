using System.Text;
using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using TokenFactoryTwin.Domain.Telemetry.Mapping;
using TokenFactoryTwin.Domain.Telemetry.Otlp;
using TokenFactoryTwin.Domain.Telemetry.Protobuf;

namespace TokenFactoryTwin.UnitTests.Telemetry;

/// <summary>
/// The protobuf decoder against the JSON one: the same request, encoded each way by protobuf's own library, must give
/// the mapper exactly the same readings, refusals and counts.
/// </summary>
public sealed class OtlpProtobufParserTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1773114075000);

    private static readonly JsonParser Lenient = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    /// <summary>Gauges, cumulative and delta sums, a histogram, bad points, hosts from resources and points.</summary>
    private const string Mixed = """
        {"resourceMetrics":[{"resource":{"attributes":[{"key":"host.name","value":{"stringValue":"gpu-node-1"}},{"key":"service.name","value":{"stringValue":"dcgm"}}]},
          "scopeMetrics":[{"scope":{"name":"x"},"metrics":[
            {"name":"DCGM_FI_DEV_POWER_USAGE","unit":"W","gauge":{"dataPoints":[
              {"asDouble":113.611,"timeUnixNano":"1773114071000000000","attributes":[{"key":"gpu","value":{"stringValue":"0"}},{"key":"UUID","value":{"stringValue":"GPU-c4529c8d"}}]},
              {"asInt":"68","timeUnixNano":"1773114071000000000","attributes":[{"key":"gpu","value":{"intValue":"1"}}]},
              {"asDouble":"NaN","timeUnixNano":"1773114071000000000","attributes":[{"key":"gpu","value":{"intValue":"2"}}]},
              {"timeUnixNano":"1773114071000000000","attributes":[{"key":"gpu","value":{"intValue":"3"}}]},
              {"asDouble":70,"attributes":[{"key":"gpu","value":{"intValue":"4"}},{"key":"host.name","value":{"stringValue":"gpu-node-2"}}]},
              {"asDouble":71,"timeUnixNano":"1773114071000000000","attributes":[{"key":"gpu","value":{"boolValue":true}}]}]}},
            {"name":"DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION","sum":{"aggregationTemporality":2,"isMonotonic":true,"dataPoints":[
              {"asInt":"123456789","timeUnixNano":"1773114071000000000","attributes":[{"key":"gpu","value":{"intValue":"0"}}]}]}},
            {"name":"vllm:generation_tokens_total","sum":{"aggregationTemporality":1,"isMonotonic":true,"dataPoints":[
              {"asInt":"5","timeUnixNano":"1773114071000000000"}]}},
            {"name":"sglang:prompt_tokens_total","sum":{"aggregationTemporality":2,"isMonotonic":true,"dataPoints":[
              {"asDouble":8128902,"timeUnixNano":"1773114071000000000"}]}},
            {"name":"http.server.duration","histogram":{"aggregationTemporality":2,"dataPoints":[{"count":"3","timeUnixNano":"1773114071000000000"},{"count":"1"}]}},
            {"name":"some.other.gauge","gauge":{"dataPoints":[{"asDouble":1}]}}]}]},
          {"resource":{"attributes":[{"key":"host.name","value":{"stringValue":"gpu-node-3"}}]},"scopeMetrics":[{"metrics":[
            {"name":"DCGM_FI_DEV_GPU_TEMP","gauge":{"dataPoints":[{"asDouble":40,"timeUnixNano":"1773114072000000000","attributes":[{"key":"gpu","value":{"doubleValue":0}}]}]}}]}]}]}
        """;

    public static TheoryData<string> Requests => new()
    {
        Captures.Text(Captures.Otlp),
        Mixed,
    };

    private static (OtlpExportSummary Summary, string Mapped) Json(string json)
    {
        var mapper = new TelemetryMapper(null, Now);
        var summary = OtlpJsonParser.Parse(Encoding.UTF8.GetBytes(json), mapper);
        return (summary, MappedFingerprint.Of(mapper.Finish()));
    }

    private static (OtlpExportSummary Summary, string Mapped) Protobuf(byte[] protobuf)
    {
        var mapper = new TelemetryMapper(null, Now);
        var summary = OtlpProtobufParser.Parse(protobuf, mapper);
        return (summary, MappedFingerprint.Of(mapper.Finish()));
    }

    private static byte[] Encode(string json) => Lenient.Parse<ExportMetricsServiceRequest>(json).ToByteArray();

    [Theory]
    [MemberData(nameof(Requests))]
    public void Protobuf_and_JSON_of_one_request_map_alike(string json)
    {
        var (jsonSummary, jsonMapped) = Json(json);
        var (protoSummary, protoMapped) = Protobuf(Encode(json));

        Assert.Equal(jsonMapped, protoMapped);
        Assert.Equal(
            (jsonSummary.Metrics, jsonSummary.DataPoints, jsonSummary.Unsupported, jsonSummary.Rejected, jsonSummary.FirstHost),
            (protoSummary.Metrics, protoSummary.DataPoints, protoSummary.Unsupported, protoSummary.Rejected, protoSummary.FirstHost));
    }

    [Fact]
    public void Gauges_and_cumulative_sums_are_mapped_delta_sums_refused_histograms_counted()
    {
        var (summary, mapped) = Protobuf(Encode(Mixed));

        Assert.Equal(13, summary.DataPoints);
        Assert.Equal(2, summary.Unsupported);
        // No value and a delta sum; the NaN and the non-numeric gpu are the mapper's refusals.
        Assert.Equal(2, summary.Rejected);
        Assert.Contains("delta temporality", mapped);
        Assert.Contains("neither asDouble nor asInt", mapped);
        Assert.Contains("not a finite number", mapped);
        Assert.Contains("host gpu-node-3", mapped);
        Assert.Contains("uuid=GPU-c4529c8d", mapped);
        Assert.Equal("gpu-node-1", summary.FirstHost);
    }

    [Fact]
    public void Every_truncation_of_a_request_either_reads_or_is_refused_as_malformed()
    {
        var bytes = Encode(Mixed);
        for (var length = 0; length < bytes.Length; length++)
        {
            try
            {
                Protobuf(bytes[..length]);
            }
            catch (ProtobufFormatException)
            {
                // The decoder's one way of saying "not an export request".
            }
        }
    }

    [Theory]
    [InlineData(new byte[] { 0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f }, "declares")]
    [InlineData(new byte[] { 0x0a, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01 }, "ten bytes")]
    [InlineData(new byte[] { 0x0b }, "groups")]
    [InlineData(new byte[] { 0x00 }, "field number 0")]
    [InlineData(new byte[] { 0x0a, 0x01, 0x12 }, "ends inside")]
    public void Malformed_bytes_are_refused_with_the_reason(byte[] bytes, string reason)
    {
        var error = Assert.Throws<ProtobufFormatException>(() => Protobuf(bytes));

        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void Known_fields_of_the_wrong_wire_type_are_skipped_as_protobuf_parsers_do()
    {
        // resource_metrics (1) as a varint, then a metric whose name (1) is a fixed64: nothing readable, nothing thrown.
        byte[] bytes = [0x08, 0x96, 0x01, 0x0a, 0x0f, 0x12, 0x0d, 0x12, 0x0b, 0x09, 1, 2, 3, 4, 5, 6, 7, 8, 0x28, 0x01];

        var (summary, mapped) = Protobuf(bytes);

        Assert.Equal(1, summary.Metrics);
        Assert.Equal(0, summary.DataPoints);
        Assert.EndsWith("refused 0 ignored 0", mapped);
    }
}
