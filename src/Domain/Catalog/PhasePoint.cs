namespace TokenFactoryTwin.Domain.Catalog;

/// <summary>
/// A published figure for one phase of a disaggregated deployment: decode-only output tokens/s or prefill-only input
/// tokens/s per GPU of that phase, at the largest batch the deployment ran. It calibrates the throughput model; it is
/// not a whole service's tokens/s per GPU, so no operating point resolves from it.
/// </summary>
public sealed record PhasePoint(
    string Id,
    string Model,
    string Gpu,
    string Phase,
    string Precision,
    string KvPrecision,
    string AttentionPrecision,
    int InputTokens,
    double TokensPerGpuPerSecond,
    string Engine,
    string EngineVersion,
    string Date,
    string Source)
{
    public const string Decode = "decode";
    public const string Prefill = "prefill";
}
