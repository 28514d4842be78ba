namespace TokenFactoryTwin.Domain.Catalog;

/// <summary>A published throughput-vs-interactivity front for one model on one GPU.</summary>
public sealed record OperatingCurve(
    string Id,
    string Model,
    string Gpu,
    string Precision,
    int InputTokens,
    int OutputTokens,
    IReadOnlyList<CurvePoint> Points,
    string Source)
{
    /// <summary>The share of counted tokens that are output tokens, from the curve's sequence lengths.</summary>
    public double OutputShare => InputTokens + OutputTokens > 0 ? (double)OutputTokens / (InputTokens + OutputTokens) : 0.5;
}
