namespace TokenFactoryTwin.Domain.Performance;

/// <summary>A validated throughput question: the catalog entries and the settings, defaults filled in.</summary>
public sealed record ResolvedThroughputQuery(
    string Model,
    string Gpu,
    Precision Precision,
    int InputTokens,
    int OutputTokens,
    bool Mtp,
    double AcceptanceRate,
    ThroughputQuery Query)
{
    public string PrecisionName => PrecisionFormats.Name(Precision);

    /// <summary>The share of counted tokens that are output tokens.</summary>
    public double OutputShare => (double)OutputTokens / (InputTokens + OutputTokens);
}
