namespace TokenFactoryTwin.Domain.Performance;

/// <summary>
/// What the model says one configuration delivers at one concurrency. Tokens per GPU count input + output tokens and
/// divide by every GPU the service uses (decode and, when disaggregated, its share of prefill GPUs), as InferenceX does.
/// <see cref="Terms"/> is the decode step's split by term, from which a power cap's effect follows (<c>PowerCap</c>).
/// </summary>
public sealed record OperatingEstimate(
    ServingConfiguration Configuration,
    double Concurrency,
    double TokensPerGpuPerSecond,
    double OutputTokensPerGpuPerSecond,
    double Interactivity,
    double TtftMs,
    double TpotMs,
    int MaxBatch,
    StepBound Bound,
    double PrefillGpus,
    int DecodeGpus,
    StepTerms Terms = default);
