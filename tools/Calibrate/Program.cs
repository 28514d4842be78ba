using System.Globalization;
using System.Text.Json.Nodes;
using TokenFactoryTwin.Domain.Catalog;
using TokenFactoryTwin.Domain.Performance;
using TokenFactoryTwin.Domain.Performance.Calibration;

// Fits the throughput model to the published points in catalog/ and writes catalog/calibration.json.
//   dotnet run --project tools/Calibrate [-- --catalog DIR] [--evaluations N] [--check]
// --check prints the fit and the leave-one-curve-out table without writing anything.
var catalogDir = Option("--catalog") ?? FindCatalog();
var evaluations = int.Parse(Option("--evaluations") ?? "1500", CultureInfo.InvariantCulture);
var check = args.Contains("--check");

var catalog = CatalogLoader.Load(
    File.ReadAllText(Path.Combine(catalogDir, "hardware.json")),
    File.ReadAllText(Path.Combine(catalogDir, "models.json")),
    File.ReadAllText(Path.Combine(catalogDir, "operating-points.json")));
var targets = CalibrationTargets.From(catalog);
var start = PerformanceCalibration.Default;

Console.WriteLine($"{targets.Count} published figures in {targets.Select(t => t.Group).Distinct().Count()} curves");
var fitted = CalibrationFitter.Fit(targets, start, evaluations) with { FittedAt = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
var heldOut = CrossValidation.LeaveOneGroupOut(targets, start, evaluations).ToDictionary(h => h.Target.Label);

Console.WriteLine();
Console.WriteLine($"{"figure",-44} {"published",10} {"defaults",10} {"fitted",10} {"held out",10} {"error",7}");
var points = new List<JsonObject>();
foreach (var target in targets)
{
    var before = CalibrationPredictor.Predict(target, start);
    var after = CalibrationPredictor.Predict(target, fitted);
    var outOfSample = heldOut[target.Label];
    Console.WriteLine($"{target.Label,-44} {target.Published,10:0.#} {Show(before),10} {Show(after),10} {Show(outOfSample.Predicted),10} {outOfSample.ErrorPercent,6:0.0}%");
    points.Add(new JsonObject
    {
        ["figure"] = target.Label,
        ["curve"] = target.Group,
        ["published"] = target.Published,
        ["defaults"] = Round(before),
        ["fitted"] = Round(after),
        ["heldOut"] = Round(outOfSample.Predicted),
        ["heldOutErrorPercent"] = Math.Round(outOfSample.ErrorPercent, 1),
    });
}

var inSample = CrossValidation.Median(targets.Select(t => CalibrationPredictor.Predict(t, fitted) is { } p ? Math.Abs(p - t.Published) / t.Published * 100 : 100));
var outSample = CrossValidation.Median(heldOut.Values.Select(h => h.ErrorPercent));
Console.WriteLine();
Console.WriteLine($"median error: fitted {inSample:0.0}%, held out (leave one curve out) {outSample:0.0}%");
foreach (var (family, f) in fitted.Families.OrderBy(f => f.Key, StringComparer.Ordinal))
{
    Console.WriteLine($"  {family}: memory {f.MemoryEfficiency:0.000}, compute {f.ComputeEfficiency:0.000}, layer {f.LayerLatencyUs:0.0} µs");
}

Console.WriteLine($"  collectives: scale-up {fitted.ScaleUpLatencyUs:0.0} µs, scale-out {fitted.ScaleOutLatencyUs:0.0} µs; step overhead {fitted.StepOverheadMs:0.00} ms + {fitted.SequenceOverheadUs:0.0} µs per sequence");

if (!check)
{
    var about = "The throughput model's fitted constants (docs/throughput-model.md), written by tools/Calibrate from the published points in "
        + "operating-points.json. 'points' lists each published figure with the model's value after this fit and its value from a fit that "
        + $"left that figure's whole curve out. Median error: {inSample:0.0}% fitted, {outSample:0.0}% held out.";
    var path = Path.Combine(catalogDir, "calibration.json");
    File.WriteAllText(path, PerformanceCalibrationJson.Write(fitted, about, points, inSample, outSample));
    Console.WriteLine($"wrote {path}");
}

string? Option(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static string FindCatalog()
{
    for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "catalog", "hardware.json")))
        {
            return Path.Combine(dir.FullName, "catalog");
        }
    }

    throw new DirectoryNotFoundException("No catalog/ folder above the current directory; pass --catalog DIR.");
}

static string Show(double? value) => value is { } v ? v.ToString("0.#", CultureInfo.InvariantCulture) : "—";

static double? Round(double? value) => value is { } v ? Math.Round(v, 1) : null;
