namespace TokenFactoryTwin.Domain.Performance.PowerCap;

/// <summary>
/// How a forward step's time splits between HBM traffic (weights and KV), tensor-core math, collectives (scale-up and
/// scale-out) and fixed per-layer latency: the shares sum to 1. A power cap slows each share differently, so the mix,
/// not only the single binding term, decides what a cap costs.
/// </summary>
public readonly record struct StepMix(double Memory, double Compute, double Communication, double Fixed)
{
    /// <summary>What a workload the model cannot place is assumed to be: decode-like, mostly reading HBM.</summary>
    public static StepMix DecodeLike { get; } = new(0.7, 0.15, 0.1, 0.05);

    public static StepMix From(StepTerms terms)
    {
        var total = terms.Total;
        return total <= 0
            ? DecodeLike
            : new StepMix(
                (terms.WeightsMemory + terms.KvMemory) / total,
                terms.Compute / total,
                (terms.ScaleUp + terms.ScaleOut) / total,
                terms.FixedLatency / total);
    }

    /// <summary>The class of the largest share, as the throughput model's bound reads in three words (fixed latency counts as communication).</summary>
    public string Bound =>
        Memory >= Compute && Memory >= Communication + Fixed ? BoundClasses.Memory
        : Compute >= Communication + Fixed ? BoundClasses.Compute
        : BoundClasses.Communication;
}
