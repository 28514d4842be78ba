using TokenFactoryTwin.Abstractions.Telemetry;

namespace TokenFactoryTwin.Domain.Telemetry;

/// <summary>
/// An inference server's token counters spread evenly over the GPUs it runs on: servers carry no GPU id, so each of
/// its GPUs is credited an equal share. Counters divided by the same number stay counters: their increase, resets
/// included, divides evenly too, so each GPU's rate is its share of the server's.
/// </summary>
public static class TokenShares
{
    /// <summary>Adds one sample per slot, each with its share of <paramref name="reading"/>; nothing when it carries no counter.</summary>
    /// <param name="slots">The rack slots to credit (all of the server's GPUs in this rack).</param>
    /// <param name="serverGpus">How many GPUs the server runs on in all, across racks: the divisor.</param>
    public static void Spread(ServerTokens reading, ReadOnlySpan<int> slots, int serverGpus, GpuSampleBatchBuilder into)
    {
        var present = (reading.PromptTokens is null ? GpuMetrics.None : GpuMetrics.PromptTokens)
            | (reading.GenerationTokens is null ? GpuMetrics.None : GpuMetrics.GenerationTokens);
        if (present == GpuMetrics.None)
        {
            return; // a running-requests gauge alone: it is the rack's, not its GPUs' counters (ServingObservations)
        }

        var share = new GpuReading(0, 0, 0, 0, 0, (reading.PromptTokens ?? 0) / serverGpus, (reading.GenerationTokens ?? 0) / serverGpus);
        var ms = reading.Timestamp.ToUnixTimeMilliseconds();
        foreach (var slot in slots)
        {
            into.Add(new PackedGpuSample(slot, present, ms, share));
        }
    }
}
