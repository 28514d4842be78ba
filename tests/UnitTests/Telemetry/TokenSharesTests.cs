using TokenFactoryTwin.Abstractions.Telemetry;
using TokenFactoryTwin.Domain.Telemetry;

namespace TokenFactoryTwin.UnitTests.Telemetry;

public sealed class TokenSharesTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 10, 3, 41, 11, TimeSpan.Zero);

    [Fact]
    public void Each_slot_gets_an_equal_share_of_the_server_counters_divided_by_all_its_GPUs()
    {
        var batch = new GpuSampleBatchBuilder();

        TokenShares.Spread(new ServerTokens(At, 800, null), [4, 5], serverGpus: 8, batch);

        var samples = batch.Build().Samples.ToArray();
        Assert.Equal([4, 5], samples.Select(s => s.GpuIndex));
        Assert.All(samples, s => Assert.Equal((GpuMetrics.PromptTokens, 100.0, At), (s.Present, s.Readings.PromptTokens, s.Timestamp)));
    }

    [Fact]
    public void A_counter_the_server_did_not_send_is_absent_not_zero()
    {
        var batch = new GpuSampleBatchBuilder();

        TokenShares.Spread(new ServerTokens(At, null, 30), [0, 1, 2], serverGpus: 3, batch);

        Assert.All(batch.Build().Samples.ToArray(), s => Assert.Equal((GpuMetrics.GenerationTokens, 10.0), (s.Present, s.Readings.GenerationTokens)));
    }
}
