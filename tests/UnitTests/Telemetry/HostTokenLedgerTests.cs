using TokenFactoryTwin.Abstractions.Telemetry;
using TokenFactoryTwin.Domain.Telemetry;

namespace TokenFactoryTwin.UnitTests.Telemetry;

public sealed class HostTokenLedgerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 10, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Each slot's token totals after crediting the readings, with the GPUs serving for each.</summary>
    private static List<(int Slot, double Prompt, double Generation)> Credit(params (double Prompt, double Generation, int Seconds, int[] Serving)[] readings)
    {
        var ledger = new HostTokenLedger();
        var batch = new GpuSampleBatchBuilder(8);
        foreach (var (prompt, generation, seconds, serving) in readings)
        {
            ledger.Credit(new ServerTokens(T0.AddSeconds(seconds), prompt, generation), firstSlot: 8, gpus: 4, serving, batch);
        }

        var built = batch.Build();
        return [.. built.Samples.ToArray().TakeLast(4).Select(s => (s.GpuIndex, s.Readings.PromptTokens, s.Readings.GenerationTokens))];
    }

    [Fact]
    public void The_first_reading_sets_the_base_and_the_next_increase_is_shared_among_every_GPU_when_none_is_named()
    {
        var totals = Credit((1_000_000, 500_000, 0, []), (1_000_400, 500_800, 2, []));

        Assert.Equal([(8, 100.0, 200.0), (9, 100.0, 200.0), (10, 100.0, 200.0), (11, 100.0, 200.0)], totals);
    }

    [Fact]
    public void Only_the_GPUs_a_pod_holds_are_credited_and_a_GPU_leaving_keeps_a_flat_total()
    {
        // 400 tokens over all four; then the pod holds GPU 1 only and the next 300 are all its own.
        var totals = Credit((0, 0, 0, []), (400, 0, 1, []), (700, 0, 2, [1]));

        Assert.Equal([100.0, 400, 100, 100], totals.Select(t => t.Prompt));
    }

    [Fact]
    public void A_server_restart_credits_its_new_count_and_a_replayed_reading_adds_nothing()
    {
        var ledger = new HostTokenLedger();
        var batch = new GpuSampleBatchBuilder(8);
        ledger.Credit(new ServerTokens(T0, 1000, null), 0, 2, [], batch);
        ledger.Credit(new ServerTokens(T0.AddSeconds(1), 50, null), 0, 2, [], batch);
        ledger.Credit(new ServerTokens(T0.AddSeconds(1), 9999, null), 0, 2, [], batch);

        var samples = batch.Build().Samples.ToArray();
        Assert.Equal(4, samples.Length);
        Assert.Equal([25.0, 25.0], samples.TakeLast(2).Select(s => s.Readings.PromptTokens));
        Assert.All(samples, s => Assert.Equal(GpuMetrics.PromptTokens, s.Present));
    }
}
