using TokenFactoryTwin.Domain.Catalog;

namespace TokenFactoryTwin.Domain.Performance.Calibration;

/// <summary>Every published figure in the catalog that the model can be compared with, as calibration targets.</summary>
public static class CalibrationTargets
{
    /// <summary>Decode context for phase figures that give only the input length: the blogs' decode runs were short.</summary>
    public const int PhaseOutputTokens = 100;

    public static IReadOnlyList<CalibrationTarget> From(TwinCatalog catalog)
    {
        var targets = new List<CalibrationTarget>();
        foreach (var curve in catalog.Curves)
        {
            if (Profiles(catalog, curve.Model, curve.Gpu) is not var (model, gpu) || PrecisionFormats.Parse(curve.Precision) is not { } precision)
            {
                continue;
            }

            var query = new ThroughputQuery(model, gpu, PrecisionPlan.For(precision), new ServingWorkload(curve.InputTokens, curve.OutputTokens), curve.Mtp);
            targets.AddRange(curve.Points.Select(p => new CalibrationTarget(curve.Id, $"{curve.Id}@{p.Interactivity:0.#}", query,
                CalibrationKind.ServicePoint, p.Interactivity, p.TokensPerGpuPerSecond)));
        }

        foreach (var point in catalog.PhasePoints)
        {
            if (Profiles(catalog, point.Model, point.Gpu) is not var (model, gpu)
                || PrecisionFormats.Parse(point.Precision) is not { } weights
                || PrecisionFormats.Parse(point.KvPrecision) is not { } kv
                || PrecisionFormats.Parse(point.AttentionPrecision) is not { } attention)
            {
                continue;
            }

            var query = new ThroughputQuery(model, gpu, new PrecisionPlan(weights, kv, attention),
                new ServingWorkload(point.InputTokens, PhaseOutputTokens), false, true);
            targets.Add(new CalibrationTarget(point.Id, point.Id, query,
                point.Phase == PhasePoint.Prefill ? CalibrationKind.PrefillPhase : CalibrationKind.DecodePhase, null, point.TokensPerGpuPerSecond));
        }

        return targets;
    }

    private static (ModelProfile, HardwareProfile)? Profiles(TwinCatalog catalog, string modelId, string gpuId) =>
        catalog.FindModel(modelId) is { } model && catalog.FindGpu(gpuId) is { } gpu
            ? (new ModelProfile(model), new HardwareProfile(gpu, catalog.ScaleOutGbpsPerGpu(gpu.Id)))
            : null;
}
