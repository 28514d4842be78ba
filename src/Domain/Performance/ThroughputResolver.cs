using System.Globalization;
using TokenFactoryTwin.Domain.Catalog;

namespace TokenFactoryTwin.Domain.Performance;

/// <summary>
/// Answers "how many tokens/s per GPU" for any catalog model on any catalog GPU: a published curve that matches the
/// model, GPU, precision, sequence lengths and MTP setting, read inside its measured range; else the throughput model's
/// best configuration. Answers are cached: racks of one type and workload share one figure.
/// </summary>
public sealed class ThroughputResolver(TwinCatalog catalog)
{
    /// <summary>The interactivity a workload that names none runs at: a brisk reading pace, and the low end of InferenceX's charts.</summary>
    public const double DefaultInteractivity = 30;

    /// <summary>Tokens per request when a workload names none: InferenceX's headline 1k/1k.</summary>
    public const int DefaultSequenceTokens = 1024;

    public const int MaxSequenceTokens = 1_000_000;

    /// <summary>Answers kept: far more than the workloads a facility runs, few enough that any run of questions stays small.</summary>
    public const int CachedAnswers = 4096;

    private readonly BoundedAnswerCache<string, ThroughputPoint?> _points = new(CachedAnswers);
    private readonly BoundedAnswerCache<string, IReadOnlyList<ThroughputPoint>> _fronts = new(CachedAnswers);

    /// <summary>Checks a request against the catalog and fills in defaults; the problem says which field is wrong and why.</summary>
    public (ResolvedThroughputQuery? Query, ThroughputProblem? Problem) Prepare(ThroughputRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Model) || catalog.FindModel(request.Model) is not { } model)
        {
            return Invalid("model", $"'{request.Model}' is not a model in the catalog (known: {string.Join(", ", catalog.Models.Select(m => m.Id))})");
        }

        if (string.IsNullOrWhiteSpace(request.Gpu) || catalog.FindGpu(request.Gpu) is not { } gpu)
        {
            return Invalid("gpu", $"'{request.Gpu}' is not a GPU in the catalog (known: {string.Join(", ", catalog.Gpus.Select(g => g.Id))})");
        }

        var hardware = new HardwareProfile(gpu, catalog.ScaleOutGbpsPerGpu(gpu.Id));
        var profile = new ModelProfile(model);
        Precision precision;
        if (request.Precision is null)
        {
            precision = profile.NativePrecision == Precision.Fp4 && hardware.Supports(Precision.Fp4) ? Precision.Fp4 : Precision.Fp8;
        }
        else if (PrecisionFormats.Parse(request.Precision) is { } parsed)
        {
            precision = parsed;
        }
        else
        {
            return Invalid("precision", $"'{request.Precision}' is not a precision (one of: {string.Join(", ", PrecisionFormats.Names)})");
        }

        if (!hardware.Supports(precision))
        {
            return (null, new ThroughputProblem(ThroughputProblem.Unservable, "precision",
                $"{gpu.Name} has no {PrecisionFormats.Name(precision)} tensor cores; it runs {string.Join(", ", PrecisionFormats.Names.Where(n => hardware.Supports(PrecisionFormats.Parse(n)!.Value)))}"));
        }

        var input = request.InputTokens ?? DefaultSequenceTokens;
        var output = request.OutputTokens ?? DefaultSequenceTokens;
        if (input is < 1 or > MaxSequenceTokens)
        {
            return Invalid("isl", $"input tokens per request must be 1 to {MaxSequenceTokens:N0} (got {input})");
        }

        if (output is < 1 or > MaxSequenceTokens)
        {
            return Invalid("osl", $"output tokens per request must be 1 to {MaxSequenceTokens:N0} (got {output})");
        }

        if (request.Interactivity is { } wanted && (!double.IsFinite(wanted) || wanted <= 0 || wanted > 10_000))
        {
            return Invalid("interactivity", $"must be a positive number of tokens/s per user up to 10,000 (got {wanted.ToString(CultureInfo.InvariantCulture)})");
        }

        var acceptance = request.AcceptanceRate ?? ServingWorkload.DefaultAcceptanceRate;
        if (!double.IsFinite(acceptance) || acceptance is < 0 or >= 1)
        {
            return Invalid("acceptance", $"the chance a drafted token is accepted must be from 0 to below 1 (got {acceptance.ToString(CultureInfo.InvariantCulture)})");
        }

        var query = new ThroughputQuery(profile, hardware, PrecisionPlan.For(precision), new ServingWorkload(input, output, acceptance), request.Mtp);
        return (new ResolvedThroughputQuery(model.Id, gpu.Id, precision, input, output, request.Mtp, acceptance, query), null);

        static (ResolvedThroughputQuery?, ThroughputProblem?) Invalid(string field, string reason) =>
            (null, new ThroughputProblem(ThroughputProblem.Invalid, field, reason));
    }

    /// <summary>The published curve that matches the query exactly (model, GPU, precision, sequence lengths, MTP), if any.</summary>
    public OperatingCurve? PublishedCurve(ResolvedThroughputQuery query) =>
        catalog.Curves.FirstOrDefault(c => c.Model == query.Model && c.Gpu == query.Gpu && PrecisionFormats.Parse(c.Precision) == query.Precision
            && c.InputTokens == query.InputTokens && c.OutputTokens == query.OutputTokens && c.Mtp == query.Mtp);

    /// <summary>Tokens/s per GPU at <paramref name="interactivity"/>: published inside a matching curve's range, else modelled; null when unreachable.</summary>
    public ThroughputPoint? At(ResolvedThroughputQuery query, double interactivity)
    {
        if (PublishedCurve(query) is { } curve
            && interactivity >= curve.Points.Min(p => p.Interactivity) && interactivity <= curve.Points.Max(p => p.Interactivity))
        {
            var tokens = OperatingCurveInterpolator.TokensPerGpuPerSecond(curve.Points, interactivity);
            return new ThroughputPoint(interactivity, tokens, tokens * curve.OutputShare, null, null, null, null, null, ResolvedOperatingPoint.Published,
                $"{curve.Id} ({curve.Engine}, {curve.Date}): {curve.Source}");
        }

        return _points.GetOrAdd(Key(query, interactivity), _ =>
            ThroughputSearch.At(query.Query, interactivity, catalog.Calibration) is { } estimate ? Modelled(estimate) : null);
    }

    /// <summary>The modelled Pareto front, by rising interactivity.</summary>
    public IReadOnlyList<ThroughputPoint> Front(ResolvedThroughputQuery query) =>
        _fronts.GetOrAdd(Key(query, 0), _ => ThroughputSearch.Front(query.Query, catalog.Calibration).Select(Modelled).ToList());

    /// <summary>Published points of the matching curve, to draw over the modelled front.</summary>
    public IReadOnlyList<ThroughputPoint> PublishedPoints(ResolvedThroughputQuery query) =>
        PublishedCurve(query) is { } curve
            ? curve.Points.Select(p => new ThroughputPoint(p.Interactivity, p.TokensPerGpuPerSecond, p.TokensPerGpuPerSecond * curve.OutputShare,
                null, null, null, null, null, ResolvedOperatingPoint.Published, $"{curve.Id} ({curve.Engine}, {curve.Date})")).ToList()
            : [];

    /// <summary>The fastest any configuration serves one user, tokens/s per user.</summary>
    public double MaxInteractivity(ResolvedThroughputQuery query) => Front(query) is { Count: > 0 } front ? front[^1].Interactivity : 0;

    private ThroughputPoint Modelled(OperatingEstimate estimate)
    {
        var configuration = ThroughputConfiguration.From(estimate);
        var calibrated = catalog.Calibration.FittedAt is { Length: > 0 } at ? $"calibrated {at}" : "uncalibrated defaults";
        return new ThroughputPoint(estimate.Interactivity, estimate.TokensPerGpuPerSecond, estimate.OutputTokensPerGpuPerSecond,
            estimate.TtftMs, estimate.TpotMs, estimate.MaxBatch, BoundName(estimate.Bound), configuration, ResolvedOperatingPoint.Modelled,
            $"throughput model ({calibrated}): {configuration.Describe()}");
    }

    public static string BoundName(StepBound bound) => bound switch
    {
        StepBound.WeightsMemory => "weights-memory",
        StepBound.KvMemory => "kv-memory",
        StepBound.Compute => "compute",
        StepBound.ScaleUp => "scale-up",
        StepBound.ScaleOut => "scale-out",
        _ => "fixed-latency",
    };

    private static string Key(ResolvedThroughputQuery q, double interactivity) =>
        string.Create(CultureInfo.InvariantCulture, $"{q.Model}|{q.Gpu}|{q.Precision}|{q.InputTokens}|{q.OutputTokens}|{q.Mtp}|{q.AcceptanceRate}|{interactivity}");
}
