using CsCheck;
using TokenFactoryTwin.Domain.Telemetry.Mapping;
using TokenFactoryTwin.Domain.Telemetry.Prometheus;

namespace TokenFactoryTwin.UnitTests.Telemetry;

public sealed class PrometheusTextParserTests
{
    private static (List<MetricPoint> Points, List<ParseIssue> Issues, int Lines) ParseAll(string text)
    {
        var points = new List<MetricPoint>();
        var issues = new List<ParseIssue>();
        var lines = PrometheusTextParser.Parse(text, null, points, issues);
        return (points, issues, lines);
    }

    [Fact]
    public void Dcgm_capture_without_help_or_type_reads_every_line()
    {
        var (points, issues, lines) = ParseAll(Captures.Text(Captures.Dcgm8xH100));

        Assert.Empty(issues);
        Assert.Equal(30, lines);
        Assert.Equal(30, points.Count);
        var power = points.Where(p => p.Name == "DCGM_FI_DEV_POWER_USAGE").ToList();
        Assert.Equal([113.611, 68.347, 65.709, 67.316, 68.717, 65.742, 67.328, 66.997], power.Select(p => p.Value));
        Assert.All(power, p => Assert.Equal("gpu-node-1", p.Label("Hostname")));
        Assert.Equal("", power[0].Label("pod_uid"));
        Assert.Equal("vllm-agg-0-vllmdecodeworker-s65j5", power[0].Label("pod"));
        Assert.Null(power[1].Label("pod"));
    }

    [Fact]
    public void Sglang_scientific_notation_and_sum_before_bucket()
    {
        var (points, issues, lines) = ParseAll(Captures.Text(Captures.Sglang));

        Assert.Empty(issues);
        Assert.Equal(91, lines);
        Assert.Equal(8128902, points.Single(p => p.Name == "sglang:prompt_tokens_total").Value);
        Assert.Equal(7557572, points.Single(p => p.Name == "sglang:generation_tokens_total").Value);
        Assert.Equal(2.3518979474117756e+06, points.Single(p => p.Name == "sglang:time_to_first_token_seconds_sum").Value);
        var inf = points.Where(p => p.Name.EndsWith("_bucket", StringComparison.Ordinal) && p.Label("le") == "+Inf").ToList();
        Assert.Equal(4, inf.Count);
        Assert.Equal("generate_request", points.First(p => p.Name == "sglang:func_latency_seconds_sum").Label("name"));
    }

    [Fact]
    public void Vllm_truncated_tail_and_created_series_parse_without_issues()
    {
        var (points, issues, _) = ParseAll(Captures.Text(Captures.Vllm));

        Assert.Empty(issues);
        Assert.Equal(0, points.Single(p => p.Name == "vllm:prompt_tokens_total").Value);
        Assert.Contains(points, p => p.Name == "vllm:prompt_tokens_created");
        Assert.Equal("Qwen/Qwen2.5-0.5B-Instruct", points.Single(p => p.Name == "vllm:generation_tokens_total").Label("model_name"));
    }

    [Fact]
    public void The_ingest_road_reads_only_mapped_and_metered_series_and_ignores_the_rest()
    {
        var mapper = new TelemetryMapper("h", DateTimeOffset.UnixEpoch);
        var meterPoints = new List<MetricPoint>();

        var lines = PrometheusTextParser.Parse(Captures.Text(Captures.Vllm), mapper, ["vllm:num_requests_waiting"], meterPoints);

        Assert.Equal(new PrometheusLineCounts(395, 3, 1, 0), lines); // the two token counters and the running-requests gauge
        Assert.Equal(395 - 4, mapper.Finish().Ignored);
        Assert.Equal(["vllm:num_requests_waiting"], meterPoints.Select(p => p.Name));
    }

    [Theory]
    [InlineData("m 1.5e3", 1500)]
    [InlineData("m{a=\"x\"} +Inf", double.PositiveInfinity)]
    [InlineData("m -Inf", double.NegativeInfinity)]
    [InlineData("m{} 7", 7)]
    [InlineData("  m{a=\"1\",} 2 1700000000000", 2)]
    [InlineData("m 3\r", 3)]
    public void Reads_the_value_forms_exporters_write(string line, double expected)
    {
        var (points, issues, _) = ParseAll(line);

        Assert.Empty(issues);
        Assert.Equal(expected, Assert.Single(points).Value);
    }

    [Fact]
    public void Reads_NaN_and_timestamps()
    {
        var (points, _, _) = ParseAll("a NaN\nb 1 1700000000123\n");

        Assert.True(double.IsNaN(points[0].Value));
        Assert.Null(points[0].TimestampMs);
        Assert.Equal(1700000000123, points[1].TimestampMs);
    }

    [Fact]
    public void Unescapes_label_values()
    {
        var (points, _, _) = ParseAll("m{path=\"C:\\\\x\",q=\"say \\\"hi\\\"\",n=\"a\\nb\"} 1");

        var point = Assert.Single(points);
        Assert.Equal("C:\\x", point.Label("path"));
        Assert.Equal("say \"hi\"", point.Label("q"));
        Assert.Equal("a\nb", point.Label("n"));
    }

    [Fact]
    public void Junk_values_are_reported_with_their_line_and_the_rest_is_read()
    {
        var text = "DCGM_FI_DEV_GPU_TEMP{gpu=\"0\"} ERROR - FAILED TO CONVERT TO STRING\nDCGM_FI_DEV_POWER_USAGE{gpu=\"0\"} 100\n";
        var (points, issues, lines) = ParseAll(text);

        Assert.Equal(2, lines);
        Assert.Equal("DCGM_FI_DEV_POWER_USAGE", Assert.Single(points).Name);
        var issue = Assert.Single(issues);
        Assert.Equal(1, issue.Line);
        Assert.Contains("not a number", issue.Reason);
        Assert.Contains("DCGM_FI_DEV_GPU_TEMP", issue.Reason);
    }

    [Theory]
    [InlineData("{a=\"b\"} 1", "metric name")]
    [InlineData("m{a=\"b\" 1", "no '='")]
    [InlineData("m{a=\"b", "not closed")]
    [InlineData("m{a=b} 1", "quoted value")]
    [InlineData("m", "no value")]
    [InlineData("m 1 soon", "timestamp")]
    [InlineData("9m 1", "metric name")]
    [InlineData("m 1 1700000000000000", "timestamp 1700000000000000 ms since 1970 is outside the years 1 to 9999")]
    [InlineData("m 1 -9223372036854775808", "outside the years 1 to 9999")]
    public void Malformed_lines_are_reported_not_thrown(string line, string reason)
    {
        var (points, issues, _) = ParseAll(line + "\nok 1\n");

        Assert.Equal("ok", Assert.Single(points).Name);
        Assert.Contains(reason, Assert.Single(issues).Reason);
    }

    [Fact]
    public void Gpu_and_token_series_stamped_past_the_year_9999_are_refused_and_the_rest_mapped()
    {
        const string text = """
            DCGM_FI_DEV_POWER_USAGE{gpu="0",Hostname="node-1"} 300 1700000000000000
            DCGM_FI_DEV_POWER_USAGE{gpu="1",Hostname="node-1"} 310
            vllm:generation_tokens_total{model_name="m"} 5 9223372036854775807
            vllm:prompt_tokens_total{model_name="m"} 7
            """;
        var mapper = new TelemetryMapper(null, DateTimeOffset.FromUnixTimeMilliseconds(1773114075000));

        PrometheusTextParser.Parse(text, mapper, [], []);
        var mapped = mapper.Finish();

        Assert.Equal(2, mapped.Refused);
        Assert.All(mapped.Issues, i => Assert.Contains("outside the years 1 to 9999", i.Reason, StringComparison.Ordinal));
        Assert.Equal(1, Assert.Single(mapped.Hosts).Samples.Build().Samples.Length);
        Assert.Equal(7, Assert.Single(mapped.Tokens).PromptTokens);
    }

    [Fact]
    public void A_body_cut_mid_line_reports_the_cut_line_only()
    {
        var text = Captures.Text(Captures.Dcgm8xH100);
        var cut = text[..(text.LastIndexOf("} ", StringComparison.Ordinal) - 5)];
        var (points, issues, _) = ParseAll(cut);

        Assert.Equal(29, points.Count);
        Assert.Single(issues);
    }

    [Fact]
    public void Issues_are_capped_so_a_garbage_body_cannot_grow_the_answer()
    {
        var garbage = string.Concat(Enumerable.Repeat("{{{\n", 10_000));
        var (_, issues, lines) = ParseAll(garbage);

        Assert.Equal(10_000, lines);
        Assert.Equal(PrometheusTextParser.MaxIssues, issues.Count);
    }

    [Fact]
    public void Any_text_parses_without_throwing()
    {
        Gen.String.Sample(text =>
        {
            var points = new List<MetricPoint>();
            var issues = new List<ParseIssue>();
            PrometheusTextParser.Parse(text, null, points, issues);
            return points.Count + issues.Count >= 0;
        }, iter: 2000);
    }
}
