using TokenFactoryTwin.Abstractions.Telemetry;
using TokenFactoryTwin.Domain.Telemetry;

namespace TokenFactoryTwin.UnitTests.Telemetry;

public sealed class SampleValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 6, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1_700_000_000_000_000L, "timestamp 1700000000000000 ms since 1970 is more than 5 minutes in the future")]
    [InlineData(long.MaxValue, "timestamp 9223372036854775807 ms since 1970 is more than 5 minutes in the future")]
    [InlineData(long.MinValue, "timestamp -9223372036854775808 ms since 1970 is more than")]
    [InlineData(0L, "timestamp 1970-01-01T00:00:00.0000000+00:00 is more than")]
    public void A_timestamp_too_far_off_is_refused_with_its_value_even_past_the_years_a_date_can_hold(long timestampMs, string reason)
    {
        var sample = new PackedGpuSample(0, GpuMetrics.Power, timestampMs, default(GpuReading).With(GpuMetrics.Power, 300));

        var problem = SampleValidator.Check(sample, 72, Now, SampleLimits.Default);

        Assert.NotNull(problem);
        Assert.StartsWith(reason, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sample_of_now_with_a_plausible_power_passes()
    {
        var sample = new PackedGpuSample(3, GpuMetrics.Power, Now.ToUnixTimeMilliseconds(), default(GpuReading).With(GpuMetrics.Power, 300));

        Assert.Null(SampleValidator.Check(sample, 72, Now, SampleLimits.Default));
    }
}
