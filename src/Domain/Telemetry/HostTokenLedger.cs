using TokenFactoryTwin.Abstractions.Telemetry;

namespace TokenFactoryTwin.Domain.Telemetry;

/// <summary>
/// A host-level inference server's token counters, credited to the GPUs it serves on. The server's counter carries no
/// GPU, and the GPUs it serves on can change (a pod rescheduled onto other GPUs): dividing the counter itself by the
/// serving GPUs, as <see cref="TokenShares"/> does, would make a GPU's counter jump when that set changes. Instead
/// each reading's increase (resets handled as Prometheus' <c>increase()</c> does) is shared among the GPUs serving
/// now, and every GPU of the host is sent its own running total, so a GPU that stops serving reads a flat counter
/// (zero tokens/s) at once. The first reading after (re-)activation only sets the base: it credits nothing.
/// </summary>
public sealed class HostTokenLedger
{
    private double[] _prompt = [];
    private double[] _generation = [];
    private double? _lastPrompt;
    private double? _lastGeneration;
    private long _lastMs;

    /// <summary>Adds one sample per GPU of the host with its running totals; nothing for a reading no newer than the last.</summary>
    /// <param name="firstSlot">The rack slot of the host's first GPU.</param>
    /// <param name="serving">The host's GPUs (0-based on the host) the server runs on; none means all.</param>
    public void Credit(ServerTokens reading, int firstSlot, int gpus, ReadOnlySpan<int> serving, GpuSampleBatchBuilder into)
    {
        var ms = reading.Timestamp.ToUnixTimeMilliseconds();
        var present = (reading.PromptTokens is null ? GpuMetrics.None : GpuMetrics.PromptTokens)
            | (reading.GenerationTokens is null ? GpuMetrics.None : GpuMetrics.GenerationTokens);
        if (present == GpuMetrics.None || ms <= _lastMs)
        {
            return; // a running-requests gauge alone (the rack's, ServingObservations), or a replayed reading
        }

        if (_prompt.Length != gpus)
        {
            (_prompt, _generation) = (new double[gpus], new double[gpus]);
        }

        _lastMs = ms;
        Share(Increase(ref _lastPrompt, reading.PromptTokens), _prompt, serving);
        Share(Increase(ref _lastGeneration, reading.GenerationTokens), _generation, serving);
        for (var g = 0; g < gpus; g++)
        {
            into.Add(new PackedGpuSample(firstSlot + g, present, ms, new GpuReading(0, 0, 0, 0, 0, _prompt[g], _generation[g])));
        }
    }

    private static double Increase(ref double? last, double? value)
    {
        if (value is not { } now)
        {
            return 0;
        }

        var increase = last is { } before ? now >= before ? now - before : now : 0;
        last = now;
        return increase;
    }

    private static void Share(double increase, double[] totals, ReadOnlySpan<int> serving)
    {
        if (increase == 0)
        {
            return;
        }

        if (serving.IsEmpty)
        {
            for (var g = 0; g < totals.Length; g++)
            {
                totals[g] += increase / totals.Length;
            }

            return;
        }

        foreach (var g in serving)
        {
            totals[g] += increase / serving.Length;
        }
    }
}
