using Google.Protobuf;
using TokenFactoryTwin.Domain.Telemetry.Mapping;
using TokenFactoryTwin.Domain.Telemetry.Prometheus;
using TokenFactoryTwin.Domain.Telemetry.Protobuf;
using TokenFactoryTwin.Domain.Telemetry.RemoteWrite;
using TokenFactoryTwin.Tests.Shared.Wire;

namespace TokenFactoryTwin.UnitTests.Telemetry;

/// <summary>
/// Remote write against scraped text: the real captures, forwarded as a Prometheus server forwards them (one series
/// per line, its labels plus the target's, one sample at the scrape's time), must map as the scraped text does.
/// </summary>
public sealed class RemoteWriteParserTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1773114075000);

    private static byte[] Forwarded(string capture, params (string Name, string Value)[] targetLabels) =>
        ForwardedCaptures.Of(Captures.Text(capture), Now.ToUnixTimeMilliseconds(), targetLabels).ToByteArray();

    private static string Scraped(string capture, string? host)
    {
        var mapper = new TelemetryMapper(host, Now);
        PrometheusTextParser.Parse(Captures.Text(capture), mapper, [], []);
        return MappedFingerprint.Of(mapper.Finish());
    }

    private static (RemoteWriteCounts Counts, ServerSeriesMappers Mappers) Parse(byte[] request, string? host = null)
    {
        var mappers = new ServerSeriesMappers(host, Now);
        return (RemoteWriteParser.Parse(request, mappers, [], []), mappers);
    }

    [Theory]
    [InlineData(Captures.Dcgm8xH100)]
    [InlineData(Captures.Dcgm8xH100PowerCap)]
    [InlineData(Captures.Dcgm8xH100Ec2)]
    [InlineData(Captures.DcgmL4)]
    [InlineData(Captures.DcgmL40S)]
    public void Forwarded_dcgm_exporter_series_map_as_the_scraped_text(string capture)
    {
        var (counts, mappers) = Parse(Forwarded(capture, ("job", "dcgm"), ("instance", "10.0.0.1:9400")));

        Assert.Equal(Scraped(capture, null), MappedFingerprint.Of(mappers.Default.Finish()));
        Assert.Empty(mappers.ByHost);
        Assert.Equal(counts.Series, counts.Samples);
        Assert.True(counts.Mapped > 0);
    }

    [Theory]
    [InlineData(Captures.Sglang)]
    [InlineData(Captures.Vllm)]
    public void Token_counters_go_to_the_host_their_hostname_label_names(string capture)
    {
        var (_, mappers) = Parse(Forwarded(capture, ("job", "inference"), ("hostname", "gpu-node-1")));

        Assert.Equal(Scraped(capture, "gpu-node-1").Split("refused")[0], MappedFingerprint.Of(mappers.ByHost["gpu-node-1"].Finish()).Split("refused")[0]);
        Assert.Empty(mappers.Default.Finish().Tokens);
    }

    [Fact]
    public void A_sample_stamped_outside_the_years_a_date_can_hold_is_refused_and_the_others_mapped()
    {
        var request = ForwardedCaptures.Of(Captures.Text(Captures.Dcgm8xH100), Now.ToUnixTimeMilliseconds(), ("job", "dcgm"));
        var bad = request.Timeseries.First(s => s.Labels.Any(l => l.Name == "__name__" && l.Value == "DCGM_FI_DEV_POWER_USAGE"));
        bad.Samples[0].Timestamp = long.MaxValue;

        var (counts, mappers) = Parse(request.ToByteArray());
        var mapped = mappers.Default.Finish();

        Assert.Equal(1, mapped.Refused);
        Assert.Contains("timestamp 9223372036854775807 ms since 1970 is outside the years 1 to 9999", Assert.Single(mapped.Issues).Reason, StringComparison.Ordinal);
        Assert.Equal(counts.Series, counts.Samples);
        Assert.NotEmpty(mapped.Hosts);
    }

    [Fact]
    public void A_host_named_by_the_request_owns_every_series()
    {
        var (_, mappers) = Parse(Forwarded(Captures.Sglang, ("hostname", "elsewhere")), host: "gpu-node-1");

        Assert.Equal(Scraped(Captures.Sglang, "gpu-node-1"), MappedFingerprint.Of(mappers.Default.Finish()));
        Assert.Empty(mappers.ByHost);
    }

    [Fact]
    public void Every_truncation_either_reads_or_is_refused_as_malformed()
    {
        var bytes = Forwarded(Captures.DcgmL4);
        for (var length = 0; length < bytes.Length; length += 7)
        {
            try
            {
                Parse(bytes[..length]);
            }
            catch (ProtobufFormatException)
            {
                // The decoder's one way of saying "not a WriteRequest".
            }
        }
    }

    [Fact]
    public void A_million_empty_series_cost_a_count_and_nothing_else()
    {
        var bytes = new byte[2_000_000];
        for (var i = 0; i < bytes.Length; i += 2)
        {
            bytes[i] = 0x0a;
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var (counts, mappers) = Parse(bytes);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(1_000_000, counts.Series);
        Assert.Equal(0, counts.Samples);
        Assert.Empty(mappers.Default.Finish().Hosts);
        Assert.True(allocated < 100_000, $"allocated {allocated} bytes");
    }

    [Fact]
    public void A_length_past_the_end_is_refused_without_reading_it()
    {
        byte[] bytes = [0x0a, 0xff, 0xff, 0xff, 0xff, 0x07, 0x0a];

        Assert.Throws<ProtobufFormatException>(() => Parse(bytes));
    }
}
