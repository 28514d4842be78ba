using System.Text;
using TokenFactoryTwin.Abstractions.Telemetry;
using TokenFactoryTwin.Domain.Telemetry.Native;

namespace TokenFactoryTwin.UnitTests.PowerCaps;

/// <summary>The native format's <c>enforcedPowerLimitW</c> and <c>clocksEventReasons</c>, in samples and in columns.</summary>
public sealed class PowerCapNativeTests
{
    private static NativeBatchContent Read(string json) => NativeBatchReader.Read(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void A_sample_carries_its_enforced_limit_and_reasons_under_any_case()
    {
        var content = Read("""
            { "samples": [ { "gpu": "r-g2", "timestamp": "2026-01-31T12:00:00Z", "powerW": 395,
              "EnforcedPowerLimitW": 400, "clockseventreasons": 4 } ] }
            """);

        Assert.Null(content.Refusal);
        var s = content.Destinations.Single().Samples.Build().Samples.ToArray().Single();
        Assert.Equal(GpuMetrics.Power | GpuMetrics.EnforcedPowerLimit | GpuMetrics.ClocksEventReasons, s.Present);
        Assert.Equal((395.0, 400.0, 4.0), (s.Readings.PowerW, s.Readings.EnforcedPowerLimitW, s.Readings.ClocksEventReasons));
    }

    [Fact]
    public void Columns_carry_them_per_GPU_position()
    {
        var content = Read("""
            { "racks": [ { "rack": "r", "timestamp": "2026-01-31T12:00:00Z", "powerW": [395, 120],
              "enforcedPowerLimitW": [400, 700], "clocksEventReasons": [4, 1] } ] }
            """);

        Assert.Null(content.Refusal);
        var samples = content.Destinations.Single().Samples.Build().Samples.ToArray();
        Assert.Equal([(400.0, 4.0), (700.0, 1.0)], samples.Select(s => (s.Readings.EnforcedPowerLimitW, s.Readings.ClocksEventReasons)));
        Assert.Equal([395.0, 120.0], samples.Select(s => s.Readings.PowerW));
    }

    [Fact]
    public void A_non_number_is_the_samples_problem_with_the_field_named()
    {
        var content = Read("""
            { "samples": [ { "gpu": "r-g0", "timestamp": "2026-01-31T12:00:00Z", "clocksEventReasons": "power cap" } ] }
            """);

        Assert.Contains("'clocksEventReasons' must be a number", content.Refused.Single().Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_packed_sample_is_a_fixed_size_value_of_88_bytes() =>
        Assert.Equal(88, GpuSampleBatch.SampleSize);
}
