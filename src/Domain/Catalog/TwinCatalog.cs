using TokenFactoryTwin.Abstractions.Topology;

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
    private Performance.ThroughputResolver? _throughput;
    private Performance.PowerCap.StepMixes? _stepMixes;

    public IReadOnlyList<GpuSpec> Gpus { get; } = gpus;
    public IReadOnlyList<RackTypeSpec> RackTypes { get; } = rackTypes;
    public IReadOnlyList<ModelSpec> Models { get; } = models;
    public IReadOnlyList<OperatingCurve> Curves { get; } = curves;
    public IReadOnlyList<ArticlePoint> ArticlePoints { get; } = articlePoints;
    public IReadOnlyList<SeedTableRow> SeedTable { get; } = seedTable;
    public FacilityDefaults Facility { get; } = facility;

    /// <summary>Published decode-only and prefill-only figures of disaggregated deployments: calibration data only.</summary>
    public IReadOnlyList<PhasePoint> PhasePoints { get; init; } = [];

    /// <summary>The throughput model's fitted efficiency factors and latencies (catalog/calibration.json).</summary>
    public Performance.PerformanceCalibration Calibration { get; init; } = Performance.PerformanceCalibration.Default;

    /// <summary>
    /// Scale-out (NIC) bandwidth per GPU in Gb/s, from the first rack type built on that GPU; 400 Gb/s (one NDR or
    /// 400 GbE port per GPU, the common build) for a GPU no rack type uses.
    /// </summary>
    public double ScaleOutGbpsPerGpu(string gpu) =>
        RackTypes.FirstOrDefault(r => r.Gpu == gpu) is { } rack ? rack.ScaleOut.PortsPerGpu * rack.ScaleOut.PortGbps : 400;

    // An id read from JSON may be null whatever its declared type (the fuzzer found a facility file whose workload had
    // no model): nothing is found for it, rather than the dictionary throwing.
    public GpuSpec? FindGpu(string? id) => id is null ? null : _gpus.GetValueOrDefault(id);

    public RackTypeSpec? FindRackType(string? id) => id is null ? null : _rackTypes.GetValueOrDefault(id);

    public ModelSpec? FindModel(string? id) => id is null ? null : _models.GetValueOrDefault(id);

    /// <summary>The throughput resolver over this catalog: published curves first, the throughput model for the rest.</summary>
    public Performance.ThroughputResolver Throughput => _throughput ??= new Performance.ThroughputResolver(this);

    /// <summary>Each workload's step mix on each GPU, from which a power cap's cost follows.</summary>
    public Performance.PowerCap.StepMixes StepMixes => _stepMixes ??= new Performance.PowerCap.StepMixes(this);

    /// <summary>
    /// The throughput per GPU of <paramref name="model"/> on <paramref name="gpu"/>: a named curve or article point
    /// if <paramref name="operatingPoint"/> is given, else the model's curve for that GPU at the interactivity, else
    /// the article's point for that model and GPU, else the throughput model. Null when the model or GPU is unknown.
    /// </summary>
    public ResolvedOperatingPoint? ResolveOperatingPoint(string model, string gpu, string? operatingPoint, double? interactivity) =>
        ResolveOperatingPoint(new WorkloadSpec(model, operatingPoint, interactivity), gpu);

    /// <summary>
    /// The throughput per GPU a workload runs at on <paramref name="gpu"/>. A named point is read from the catalog. A
    /// workload that names only its model (and perhaps an interactivity) reads the model's published curve or article
    /// point for that GPU, as it always has. A workload that describes its service (precision, sequence lengths, MTP)
    /// reads only a curve that matches it. Where nothing published fits, the throughput model's best configuration
    /// answers (source <c>modelled</c>). Null when nothing can answer: an unknown model, GPU or point, a precision the
    /// GPU lacks, an interactivity beyond reach.
    /// </summary>
    public ResolvedOperatingPoint? ResolveOperatingPoint(WorkloadSpec workload, string gpu)
    {
        if (workload.OperatingPoint is { } operatingPoint)
        {
            var named = Curves.FirstOrDefault(c => c.Id == operatingPoint);
            if (named is not null)
            {
                return named.Model == workload.Model ? FromCurve(named, workload.Interactivity) : null;
            }

            var article = ArticlePoints.FirstOrDefault(a => a.Id == operatingPoint);
            return article is not null && article.Model == workload.Model
                ? new ResolvedOperatingPoint(article.TokensPerGpuPerSecond, DefaultOutputShare, article.Id)
                : null;
        }

        if (!workload.DescribesService && Published(workload.Model, gpu, workload.Interactivity) is { } published)
        {
            return published;
        }

        var (query, problem) = Throughput.Prepare(new Performance.ThroughputRequest(workload.Model, gpu, workload.Precision, workload.InputTokens,
            workload.OutputTokens, workload.Mtp ?? false, workload.Interactivity));
        if (problem is not null || query is null)
        {
            return null;
        }

        var at = workload.Interactivity ?? Performance.ThroughputResolver.DefaultInteractivity;
        return Throughput.At(query, at) is { } point
            ? new ResolvedOperatingPoint(point.TokensPerGpuPerSecond, query.OutputShare,
                point.Source == ResolvedOperatingPoint.Modelled ? $"modelled@{at:0.#}: {point.Reference}" : $"{point.Reference.Split(' ')[0]}@{at:0.#}",
                point.Source)
            : null;
    }

    /// <summary>Why <see cref="ResolveOperatingPoint(WorkloadSpec, string)"/> has no answer for a workload, in planner words.</summary>
    public string WhyUnresolved(WorkloadSpec workload, string gpu)
    {
        if (workload.OperatingPoint is not null)
        {
            return $"'{workload.OperatingPoint}' is not an operating point of '{workload.Model}' in the catalog";
        }

        var (query, problem) = Throughput.Prepare(new Performance.ThroughputRequest(workload.Model, gpu, workload.Precision, workload.InputTokens,
            workload.OutputTokens, workload.Mtp ?? false, workload.Interactivity));
        return problem is not null
            ? $"{problem.Field}: {problem.Reason}"
            : $"no configuration of '{gpu}' serves '{workload.Model}' at {workload.Interactivity ?? Performance.ThroughputResolver.DefaultInteractivity:0.#} tokens/s per user "
              + $"(the fastest reaches {Throughput.MaxInteractivity(query!):0.#})";
    }

    private ResolvedOperatingPoint? Published(string model, string gpu, double? interactivity)
    {
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
