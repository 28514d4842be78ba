namespace TokenFactoryTwin.PromCompare;

/// <summary>
/// The per-GPU token rate over time: low from <see cref="StartUnix"/>, high after one step period, low after two,
/// and so on. The counters served are its exact integral, so the facility's true tokens/s is known at every
/// instant and each step's instant is known to the millisecond (the orchestrator uses the same schedule).
/// </summary>
public sealed record TokenSchedule(long StartUnix, double StepSeconds, double LowPerGpu, double HighPerGpu)
{
    public double RateAt(double unixSeconds)
    {
        var elapsed = unixSeconds - StartUnix;
        return elapsed < 0 || (long)Math.Floor(elapsed / StepSeconds) % 2 == 0 ? LowPerGpu : HighPerGpu;
    }

    /// <summary>Tokens one GPU has served from the start until <paramref name="unixSeconds"/>.</summary>
    public double TokensPerGpuAt(double unixSeconds)
    {
        var elapsed = unixSeconds - StartUnix;
        if (elapsed <= 0)
        {
            return 0;
        }

        var periods = (long)Math.Floor(elapsed / StepSeconds);
        var whole = periods / 2 * StepSeconds * (LowPerGpu + HighPerGpu) + (periods % 2 == 1 ? StepSeconds * LowPerGpu : 0);
        return whole + (elapsed - periods * StepSeconds) * (periods % 2 == 0 ? LowPerGpu : HighPerGpu);
    }
}
