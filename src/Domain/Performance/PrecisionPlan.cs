namespace TokenFactoryTwin.Domain.Performance;

/// <summary>
/// The formats a deployment runs in: <see cref="Weights"/> for the linear layers (a mixture-of-experts model keeps its
/// attention and shared weights at FP8 or wider when its experts go to FP4, as published NVFP4 checkpoints do), the
/// KV cache, and the attention math.
/// </summary>
public sealed record PrecisionPlan(Precision Weights, Precision Kv, Precision Attention)
{
    /// <summary>
    /// What engines run by default for a weight format: BF16 everywhere for BF16 weights; an FP8 checkpoint with a BF16
    /// KV cache and BF16 attention (SGLang's and vLLM's default KV dtype follows the model's activations); FP4 weights
    /// with an FP8 KV cache and FP8 attention (TensorRT-LLM's and SGLang's NVFP4 DeepSeek recipes).
    /// </summary>
    public static PrecisionPlan For(Precision weights) => weights switch
    {
        Precision.Bf16 => new(Precision.Bf16, Precision.Bf16, Precision.Bf16),
        Precision.Fp8 => new(Precision.Fp8, Precision.Bf16, Precision.Bf16),
        _ => new(Precision.Fp4, Precision.Fp8, Precision.Fp8),
    };

    /// <summary>The format of a mixture-of-experts model's non-expert weights: never narrower than FP8.</summary>
    public Precision NonExpertWeights => Weights == Precision.Fp4 ? Precision.Fp8 : Weights;
}
