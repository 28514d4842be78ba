namespace TokenFactoryTwin.Domain.Performance.Calibration;

/// <summary>
/// Fits the per-family efficiencies and fixed latencies, and the shared link latencies and step overhead, to published
/// figures: least squares on log(predicted / published), with a weak pull towards the physical defaults so that a
/// family with few figures keeps believable constants (a family with none keeps its defaults).
/// </summary>
public static class CalibrationFitter
{
    /// <summary>Weight of the pull towards defaults, per parameter, against the mean squared log error.</summary>
    public const double PriorWeight = 0.02;

    /// <summary>A miss (no configuration reaches the figure) costs as much as a factor-of-ten error.</summary>
    private static readonly double MissError = Math.Log(10);

    public static PerformanceCalibration Fit(IReadOnlyList<CalibrationTarget> targets, PerformanceCalibration start, int maxEvaluations = 1500)
    {
        var families = targets.Select(t => t.Query.Gpu.Family).Distinct().OrderBy(f => f, StringComparer.Ordinal).ToList();
        var encoded = Encode(start, families);
        var best = NelderMead.Minimize(x => Objective(targets, Decode(x, start, families), x, encoded), encoded, 0.3, maxEvaluations);
        return Decode(best, start, families) with
        {
            FittedOn = targets.Select(t => t.Group).Distinct().ToList(),
        };
    }

    public static double LogError(CalibrationTarget target, PerformanceCalibration calibration) =>
        CalibrationPredictor.Predict(target, calibration) is { } predicted && predicted > 0 ? Math.Log(predicted / target.Published) : MissError;

    private static double Objective(IReadOnlyList<CalibrationTarget> targets, PerformanceCalibration calibration, double[] x, double[] prior)
    {
        var sum = 0.0;
        foreach (var target in targets)
        {
            var error = LogError(target, calibration);
            sum += error * error;
        }

        var pull = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            pull += (x[i] - prior[i]) * (x[i] - prior[i]);
        }

        return sum / Math.Max(1, targets.Count) + PriorWeight * pull;
    }

    // Parameters live in log space (all positive); efficiencies are capped at 0.95 of peak when decoded.
    private static double[] Encode(PerformanceCalibration c, List<string> families)
    {
        var x = new List<double>();
        foreach (var family in families)
        {
            var f = c.For(family);
            x.AddRange([Math.Log(f.MemoryEfficiency), Math.Log(f.ComputeEfficiency), Math.Log(f.LayerLatencyUs)]);
        }

        x.AddRange([Math.Log(c.ScaleUpLatencyUs), Math.Log(c.ScaleOutLatencyUs), Math.Log(c.StepOverheadMs), Math.Log(c.SequenceOverheadUs)]);
        return x.ToArray();
    }

    private static PerformanceCalibration Decode(double[] x, PerformanceCalibration start, List<string> families)
    {
        var fitted = new Dictionary<string, FamilyEfficiency>(start.Families, StringComparer.Ordinal);
        for (var i = 0; i < families.Count; i++)
        {
            fitted[families[i]] = new FamilyEfficiency(Capped(x[3 * i]), Capped(x[3 * i + 1]), Math.Exp(x[3 * i + 2]));
        }

        var k = 3 * families.Count;
        return start with { Families = fitted, ScaleUpLatencyUs = Math.Exp(x[k]), ScaleOutLatencyUs = Math.Exp(x[k + 1]), StepOverheadMs = Math.Exp(x[k + 2]),
            SequenceOverheadUs = Math.Exp(x[k + 3]) };
    }

    private static double Capped(double log) => Math.Min(0.95, Math.Exp(log));
}
