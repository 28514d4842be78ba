namespace TokenFactoryTwin.Domain.Performance.Calibration;

/// <summary>
/// Leave-one-curve-out: for each curve (or phase figure), fit on every other one from the defaults, then predict it.
/// The errors say how the model does on hardware, precisions and sequence lengths it was not fitted to.
/// </summary>
public static class CrossValidation
{
    public static IReadOnlyList<HeldOutPrediction> LeaveOneGroupOut(IReadOnlyList<CalibrationTarget> targets, PerformanceCalibration start,
        int maxEvaluations = 1500)
    {
        var groups = targets.Select(t => t.Group).Distinct().ToList();
        var results = new HeldOutPrediction[groups.Count][];
        Parallel.For(0, groups.Count, g =>
        {
            var training = targets.Where(t => t.Group != groups[g]).ToList();
            var fitted = CalibrationFitter.Fit(training, start, maxEvaluations);
            results[g] = targets.Where(t => t.Group == groups[g])
                .Select(t => new HeldOutPrediction(t, CalibrationPredictor.Predict(t, fitted)))
                .ToArray();
        });
        return results.SelectMany(r => r).ToList();
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
