namespace TokenFactoryTwin.Domain.Catalog;

/// <summary>
/// A published throughput-vs-interactivity front for one model on one GPU, with the engine, version and date it was
/// measured with: the same hardware moves by multiples between software releases, so a curve is a snapshot.
/// </summary>
public sealed record OperatingCurve(
    string Id,
    string Model,
    string Gpu,
    string Precision,
    int InputTokens,
    int OutputTokens,
    bool Mtp,
    IReadOnlyList<CurvePoint> Points,
    string Engine,
    string EngineVersion,
    string Date,
    string Source)
{
    /// <summary>The share of counted tokens that are output tokens, from the curve's sequence lengths.</summary>
    public double OutputShare => InputTokens + OutputTokens > 0 ? (double)OutputTokens / (InputTokens + OutputTokens) : 0.5;
}
