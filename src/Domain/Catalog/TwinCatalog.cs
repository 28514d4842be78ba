namespace TokenFactoryTwin.Domain.Catalog;

/// <summary>
/// The built-in catalog: hardware, rack types, models and published operating points, each figure with its
/// source. Loaded once at start (<see cref="CatalogLoader"/>) and read-only after.
/// </summary>
public sealed class TwinCatalog(
    IReadOnlyList<GpuSpec> gpus,
    IReadOnlyList<RackTypeSpec> rackTypes,
    IReadOnlyList<ModelSpec> models,
    IReadOnlyList<OperatingCurve> curves,
    IReadOnlyList<ArticlePoint> articlePoints,
    IReadOnlyList<SeedTableRow> seedTable,
    FacilityDefaults facility)
{
    /// <summary>The share of output tokens assumed where a point gives no sequence lengths (1k in, 1k out).</summary>
    public const double DefaultOutputShare = 0.5;

    private readonly Dictionary<string, GpuSpec> _gpus = gpus.ToDictionary(g => g.Id, StringComparer.Ordinal);
    private readonly Dictionary<string, RackTypeSpec> _rackTypes = rackTypes.ToDictionary(r => r.Id, StringComparer.Ordinal);
    private readonly Dictionary<string, ModelSpec> _models = models.ToDictionary(m => m.Id, StringComparer.Ordinal);

    public IReadOnlyList<GpuSpec> Gpus { get; } = gpus;
    public IReadOnlyList<RackTypeSpec> RackTypes { get; } = rackTypes;
    public IReadOnlyList<ModelSpec> Models { get; } = models;
    public IReadOnlyList<OperatingCurve> Curves { get; } = curves;
    public IReadOnlyList<ArticlePoint> ArticlePoints { get; } = articlePoints;
    public IReadOnlyList<SeedTableRow> SeedTable { get; } = seedTable;
    public FacilityDefaults Facility { get; } = facility;

    public GpuSpec? FindGpu(string id) => _gpus.GetValueOrDefault(id);

    public RackTypeSpec? FindRackType(string id) => _rackTypes.GetValueOrDefault(id);

    public ModelSpec? FindModel(string id) => _models.GetValueOrDefault(id);

    /// <summary>
    /// The throughput per GPU of <paramref name="model"/> on <paramref name="gpu"/>: a named curve or article point
    /// if <paramref name="operatingPoint"/> is given, else the model's curve for that GPU at the interactivity, else
    /// the article's point for that model and GPU. Null when the catalog has nothing for the pair.
    /// </summary>
    public ResolvedOperatingPoint? ResolveOperatingPoint(string model, string gpu, string? operatingPoint, double? interactivity)
    {
        if (operatingPoint is not null)
        {
            var named = Curves.FirstOrDefault(c => c.Id == operatingPoint);
            if (named is not null)
            {
                return named.Model == model ? FromCurve(named, interactivity) : null;
            }

            var article = ArticlePoints.FirstOrDefault(a => a.Id == operatingPoint);
            return article is not null && article.Model == model
                ? new ResolvedOperatingPoint(article.TokensPerGpuPerSecond, DefaultOutputShare, article.Id)
                : null;
        }

        var curve = Curves.FirstOrDefault(c => c.Model == model && c.Gpu == gpu && c.Points.Count > 1)
            ?? Curves.FirstOrDefault(c => c.Model == model && c.Gpu == gpu);
        if (curve is not null && (interactivity is not null || curve.Points.Count == 1))
        {
            return FromCurve(curve, interactivity);
        }

        var point = ArticlePoints.FirstOrDefault(a => a.Model == model && a.Gpu == gpu);
        if (point is not null)
        {
            return new ResolvedOperatingPoint(point.TokensPerGpuPerSecond, DefaultOutputShare, point.Id);
        }

        return curve is null ? null : FromCurve(curve, interactivity);
    }

    private static ResolvedOperatingPoint FromCurve(OperatingCurve curve, double? interactivity)
    {
        var at = interactivity ?? curve.Points.Min(p => p.Interactivity);
        var tokens = OperatingCurveInterpolator.TokensPerGpuPerSecond(curve.Points, at);
        return new ResolvedOperatingPoint(tokens, curve.OutputShare, $"{curve.Id}@{at:0.#}");
    }
}
