using TokenFactoryTwin.Domain.Catalog;

namespace TokenFactoryTwin.Domain.Performance;

/// <summary>
/// A model's inference costs per token, derived from its catalog entry: parameters split into experts and the rest,
/// KV values per token and layer, and attention FLOPs per token of context.
/// </summary>
public sealed class ModelProfile
{
    public ModelProfile(ModelSpec spec)
    {
        Spec = spec;
        var a = spec.Architecture;
        Layers = a.Layers;
        Hidden = a.Hidden;
        IsMixtureOfExperts = a.IsMixtureOfExperts;
        Experts = a.Experts;
        TopK = a.TopK;
        MoeLayers = IsMixtureOfExperts ? a.Layers - a.DenseLayers : 0;
        var total = spec.TotalParamsB * 1e9;
        var active = spec.ActiveParamsB * 1e9;

        // total = N + X and active = N + X·k/E for non-expert N and expert X parameters: X follows without the
        // experts' inner sizes (DeepSeek-R1: 654.5 B in experts, 16.5 B outside; Qwen3-235B: 227 B; gpt-oss-120b: 115 B).
        ExpertParams = IsMixtureOfExperts ? (total - active) / (1 - (double)TopK / Experts) : 0;
        NonExpertParams = total - ExpertParams;
        ActiveExpertParams = ExpertParams * (IsMixtureOfExperts ? (double)TopK / Experts : 0);

        if (a.LatentAttention)
        {
            // MLA caches one latent (kv_lora_rank) and one RoPE key per token and layer; decode runs the absorbed form
            // (scores over latent + rope, values over the latent), prefill the expanded one (qk_nope + rope, v_head).
            KvValuesPerTokenPerLayer = a.KvLoraRank + a.QkRopeHeadDim;
            DecodeAttentionFlopsPerContextToken = 2.0 * a.Heads * (a.KvLoraRank + a.QkRopeHeadDim + a.KvLoraRank);
            PrefillAttentionFlopsPerContextToken = 2.0 * a.Heads * (a.QkNopeHeadDim + a.QkRopeHeadDim + a.VHeadDim);
            KvHeads = 1;
            LatentAttention = true;
        }
        else
        {
            KvValuesPerTokenPerLayer = 2.0 * a.KvHeads * a.HeadDim;
            DecodeAttentionFlopsPerContextToken = 4.0 * a.Heads * a.HeadDim;
            PrefillAttentionFlopsPerContextToken = DecodeAttentionFlopsPerContextToken;
            KvHeads = Math.Max(1, a.KvHeads);
        }

        SlidingWindow = a.SlidingWindow;
        SlidingWindowLayers = a.SlidingWindow > 0 ? a.SlidingWindowLayers : 0;
        MtpLayers = a.MtpLayers;
        NativePrecision = PrecisionFormats.Parse(a.NativePrecision) ?? Precision.Bf16;
    }

    public ModelSpec Spec { get; }

    public int Layers { get; }

    public int MoeLayers { get; }

    public int Hidden { get; }

    public bool IsMixtureOfExperts { get; }

    public int Experts { get; }

    public int TopK { get; }

    public double ExpertParams { get; }

    public double NonExpertParams { get; }

    public double ActiveExpertParams { get; }

    public bool LatentAttention { get; }

    public int KvHeads { get; }

    public double KvValuesPerTokenPerLayer { get; }

    public double DecodeAttentionFlopsPerContextToken { get; }

    public double PrefillAttentionFlopsPerContextToken { get; }

    public int SlidingWindow { get; }

    public int SlidingWindowLayers { get; }

    public int MtpLayers { get; }

    public Precision NativePrecision { get; }

    /// <summary>Σ over layers of the context each attends to: sliding-window layers see at most their window.</summary>
    public double ContextLayers(double context) =>
        (Layers - SlidingWindowLayers) * context + SlidingWindowLayers * Math.Min(context, SlidingWindow);

    /// <summary>Bytes of KV cache one sequence of <paramref name="context"/> tokens holds, all layers.</summary>
    public double KvBytes(double context, Precision kv) => KvValuesPerTokenPerLayer * PrecisionFormats.Bytes(kv) * ContextLayers(context);

    /// <summary>Weight bytes of the model at a plan (experts at the plan's weights, the rest at its non-expert format).</summary>
    public double WeightBytes(PrecisionPlan plan) =>
        IsMixtureOfExperts
            ? ExpertParams * PrecisionFormats.Bytes(plan.Weights) + NonExpertParams * PrecisionFormats.Bytes(plan.NonExpertWeights)
            : NonExpertParams * PrecisionFormats.Bytes(plan.Weights);
}
