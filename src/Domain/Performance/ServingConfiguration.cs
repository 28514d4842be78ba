namespace TokenFactoryTwin.Domain.Performance;

/// <summary>
/// How one model replica is laid out: <see cref="Gpus"/> GPUs in <see cref="PipelineParallel"/> stages of
/// <see cref="TensorParallel"/> × attention data-parallel ranks; experts spread over every GPU of a stage
/// (<see cref="ExpertParallel"/>); prefill on the same GPUs (aggregated) or on a separate pool (disaggregated); and
/// <see cref="DraftTokens"/> speculative (MTP) tokens per step.
/// </summary>
public sealed record ServingConfiguration(
    int Gpus,
    int TensorParallel,
    int PipelineParallel,
    bool DataParallelAttention,
    int ExpertParallel,
    bool Disaggregated,
    int DraftTokens,
    PrecisionPlan Precision)
{
    /// <summary>Attention data-parallel ranks per stage (1 without DP attention).</summary>
    public int AttentionDataParallel => Gpus / (TensorParallel * PipelineParallel);
}
