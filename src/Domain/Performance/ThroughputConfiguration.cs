namespace TokenFactoryTwin.Domain.Performance;

/// <summary>The serving configuration behind a modelled point, as the API shows it.</summary>
public sealed record ThroughputConfiguration(
    int Tp,
    int Ep,
    int Pp,
    bool DpAttention,
    bool Disaggregated,
    double PrefillGpus,
    int DecodeGpus,
    int DraftTokens,
    string WeightsPrecision,
    string KvPrecision,
    string AttentionPrecision)
{
    public static ThroughputConfiguration From(OperatingEstimate estimate)
    {
        var c = estimate.Configuration;
        return new ThroughputConfiguration(c.TensorParallel, c.ExpertParallel, c.PipelineParallel, c.DataParallelAttention, c.Disaggregated,
            Math.Round(estimate.PrefillGpus, 2), estimate.DecodeGpus, c.DraftTokens,
            PrecisionFormats.Name(c.Precision.Weights), PrecisionFormats.Name(c.Precision.Kv), PrecisionFormats.Name(c.Precision.Attention));
    }

    /// <summary>A one-line summary for an operating point's source, e.g. "8 GPUs tp1 dp-attention ep8, aggregated".</summary>
    public string Describe() =>
        $"{DecodeGpus} GPUs tp{Tp}{(Pp > 1 ? $" pp{Pp}" : "")}{(DpAttention ? " dp-attention" : "")}{(Ep > 1 ? $" ep{Ep}" : "")}"
        + (Disaggregated ? $", disaggregated with {PrefillGpus:0.#} prefill GPUs" : ", aggregated")
        + (DraftTokens > 0 ? $", {DraftTokens} MTP tokens" : "")
        + $", {WeightsPrecision} weights, {KvPrecision} KV";
}
