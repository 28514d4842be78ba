namespace TokenFactoryTwin.Domain.Performance;

/// <summary>A number format weights, KV cache or attention run in.</summary>
public enum Precision
{
    Bf16,
    Fp8,
    Fp4,
}
