using TokenFactoryTwin.Abstractions.Telemetry;
using TokenFactoryTwin.Domain.Telemetry.Mapping;
using TokenFactoryTwin.Domain.Telemetry.Prometheus;
using TokenFactoryTwin.UnitTests.Telemetry;

namespace TokenFactoryTwin.UnitTests.PowerCaps;

/// <summary>The power-cap variant of the 8x H100 capture through the Prometheus parser and the one mapper.</summary>
public sealed class PowerCapCaptureTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 3, 41, 11, TimeSpan.Zero);

    private static List<PackedGpuSample> Mapped(string text)
    {
        var mapper = new TelemetryMapper(null, Now);
        PrometheusTextParser.Parse(text, mapper, [], []);
        var mapped = mapper.Finish();
        Assert.Empty(mapped.Issues);
        Assert.Equal(6, mapped.Ignored); // MEM_COPY_UTIL, as in the capture the variant is made from
        return [.. Assert.Single(mapped.Hosts).Samples.Build().Samples.ToArray().OrderBy(s => s.GpuIndex)];
    }

    [Fact]
    public void The_variant_parses_every_line_with_its_help_and_type()
    {
        var points = new List<MetricPoint>();
        var issues = new List<ParseIssue>();
        PrometheusTextParser.Parse(Captures.Text(Captures.Dcgm8xH100PowerCap), null, points, issues);

        Assert.Empty(issues);
        Assert.Equal(30 + 16, points.Count);
        var limits = points.Where(p => p.Name == "DCGM_FI_DEV_ENFORCED_POWER_LIMIT").ToList();
        Assert.Equal([200.0, 700, 700, 700, 700, 700, 700, 700], limits.Select(p => p.Value));
        Assert.Equal("vllm-agg-0-vllmdecodeworker-s65j5", limits[0].Label("pod"));
        Assert.Equal([4.0, 1, 1, 1, 1, 1, 1, 1], points.Where(p => p.Name == "DCGM_FI_DEV_CLOCK_THROTTLE_REASONS").Select(p => p.Value));
    }

    [Fact]
    public void Each_GPU_packs_its_enforced_limit_and_reasons_beside_the_captures_own_readings()
    {
        var samples = Mapped(Captures.Text(Captures.Dcgm8xH100PowerCap));

        Assert.Equal(8, samples.Count);
        Assert.All(samples, s => Assert.True(s.Has(GpuMetrics.EnforcedPowerLimit) && s.Has(GpuMetrics.ClocksEventReasons)));
        Assert.Equal([200.0, 700, 700, 700, 700, 700, 700, 700], samples.Select(s => s.Readings.EnforcedPowerLimitW));
        Assert.Equal([4.0, 1, 1, 1, 1, 1, 1, 1], samples.Select(s => s.Readings.ClocksEventReasons));
        Assert.Equal([113.611, 68.347, 65.709, 67.316, 68.717, 65.742, 67.328, 66.997], samples.Select(s => s.Readings.PowerW));
    }

    [Fact]
    public void The_newer_clocks_event_reasons_name_maps_as_the_older_throttle_reasons_name()
    {
        var older = Captures.Text(Captures.Dcgm8xH100PowerCap);
        var newer = older.Replace("DCGM_FI_DEV_CLOCK_THROTTLE_REASONS", "DCGM_FI_DEV_CLOCKS_EVENT_REASONS", StringComparison.Ordinal);

        Assert.NotEqual(older, newer);
        Assert.Equal(Mapped(older), Mapped(newer));
    }

    [Fact]
    public void The_variant_adds_to_the_real_capture_and_changes_none_of_its_lines()
    {
        var real = Captures.Text(Captures.Dcgm8xH100);
        var variant = Captures.Text(Captures.Dcgm8xH100PowerCap);

        Assert.StartsWith(real, variant, StringComparison.Ordinal);
        Assert.Contains("DERIVED VARIANT", Captures.Text(Captures.Dcgm8xH100PowerCap + ".PROVENANCE"), StringComparison.Ordinal);
    }
}
