namespace TokenFactoryTwin.Gateway.Throughput;

/// <summary>
/// <c>GET /api/throughput</c> without an interactivity: the modelled Pareto front (each point priced) and, when a
/// published curve matches, its points to draw over it.
/// </summary>
public sealed record ThroughputCurve(
    string Model,
    string Gpu,
    string Precision,
    int Isl,
    int Osl,
    bool Mtp,
    string PriceTier,
    double MaxInteractivity,
    IReadOnlyList<ThroughputAnswer> Points,
    IReadOnlyList<ThroughputAnswer> Published);
