using TokenFactoryTwin.Domain.Catalog;
using TokenFactoryTwin.Domain.Performance;
using TokenFactoryTwin.Domain.Performance.Calibration;
using Xunit.Abstractions;

namespace TokenFactoryTwin.UnitTests.Performance;

public sealed class CalibrationTests(ITestOutputHelper output)
{
    private static readonly TwinCatalog Catalog = CatalogLoader.BuiltIn;

    [Fact]
    public void Every_published_curve_predicted_from_a_fit_that_never_saw_it_is_within_25_percent_at_the_median()
    {
        var targets = CalibrationTargets.From(Catalog);
        Assert.Equal(Catalog.Curves.Sum(c => c.Points.Count) + Catalog.PhasePoints.Count, targets.Count);

        var heldOut = CrossValidation.LeaveOneGroupOut(targets, PerformanceCalibration.Default);
        foreach (var h in heldOut)
        {
            output.WriteLine($"{h.Target.Label,-44} published {h.Target.Published,9:0.#} held out {h.Predicted,9:0.#} error {h.ErrorPercent,6:0.0}%");
        }

        var median = CrossValidation.Median(heldOut.Select(h => h.ErrorPercent));
        output.WriteLine($"median out-of-sample error {median:0.0}%");
        Assert.True(median <= 25, $"median out-of-sample error {median:0.0}% exceeds 25%");
    }

    [Fact]
    public void The_shipped_calibration_is_the_fit_of_the_shipped_points()
    {
        var shipped = Catalog.Calibration;
        var targets = CalibrationTargets.From(Catalog);

        Assert.NotEmpty(shipped.FittedAt);
        Assert.Equal(targets.Select(t => t.Group).Distinct().Order(), shipped.FittedOn.Order());
        var fitted = CrossValidation.Median(targets.Select(t => CalibrationPredictor.Predict(t, shipped) is { } p ? Math.Abs(p - t.Published) / t.Published * 100 : 100));
        var defaults = CrossValidation.Median(targets.Select(t => CalibrationPredictor.Predict(t, PerformanceCalibration.Default) is { } p ? Math.Abs(p - t.Published) / t.Published * 100 : 100));
        output.WriteLine($"median in-sample error: shipped {fitted:0.0}%, defaults {defaults:0.0}%");
        Assert.True(fitted < defaults, "the shipped calibration fits the published points better than the defaults");
        Assert.All(shipped.Families.Values, f => Assert.InRange(f.MemoryEfficiency, 0.05, 0.95));
    }

    [Fact]
    public void Nelder_mead_finds_the_minimum_of_a_bowl()
    {
        var best = NelderMead.Minimize(x => Math.Pow(x[0] - 3, 2) + Math.Pow(x[1] + 1, 2) * 10, [0, 0], 1, 2000);

        Assert.Equal(3, best[0], 3);
        Assert.Equal(-1, best[1], 3);
    }
}
