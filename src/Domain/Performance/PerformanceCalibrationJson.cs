using System.Text.Json;
using System.Text.Json.Nodes;

namespace TokenFactoryTwin.Domain.Performance;

/// <summary>Reads and writes <c>catalog/calibration.json</c>.</summary>
public static class PerformanceCalibrationJson
{
    public static PerformanceCalibration Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var families = root.GetProperty("families").EnumerateObject().ToDictionary(
            f => f.Name,
            f => new FamilyEfficiency(
                f.Value.GetProperty("memoryEfficiency").GetDouble(),
                f.Value.GetProperty("computeEfficiency").GetDouble(),
                f.Value.GetProperty("layerLatencyUs").GetDouble()),
            StringComparer.Ordinal);
        return new PerformanceCalibration(
            families,
            root.GetProperty("scaleUpLatencyUs").GetDouble(),
            root.GetProperty("scaleOutLatencyUs").GetDouble(),
            root.GetProperty("stepOverheadMs").GetDouble(),
            root.TryGetProperty("sequenceOverheadUs", out var perSequence) ? perSequence.GetDouble() : PerformanceCalibration.Default.SequenceOverheadUs,
            root.TryGetProperty("fittedOn", out var on) ? on.EnumerateArray().Select(e => e.GetString()!).ToList() : [],
            root.TryGetProperty("fittedAt", out var at) ? at.GetString() ?? "" : "");
    }

    /// <summary>The calibration as the catalog file, with a note and the fit's per-point errors beside the constants.</summary>
    public static string Write(PerformanceCalibration calibration, string about, IEnumerable<JsonObject> points, double medianFittedErrorPercent,
        double medianHeldOutErrorPercent)
    {
        var families = new JsonObject();
        foreach (var (name, f) in calibration.Families.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            families[name] = new JsonObject
            {
                ["memoryEfficiency"] = Math.Round(f.MemoryEfficiency, 4),
                ["computeEfficiency"] = Math.Round(f.ComputeEfficiency, 4),
                ["layerLatencyUs"] = Math.Round(f.LayerLatencyUs, 2),
            };
        }

        var root = new JsonObject
        {
            ["about"] = about,
            ["fittedAt"] = calibration.FittedAt,
            ["families"] = families,
            ["scaleUpLatencyUs"] = Math.Round(calibration.ScaleUpLatencyUs, 2),
            ["scaleOutLatencyUs"] = Math.Round(calibration.ScaleOutLatencyUs, 2),
            ["stepOverheadMs"] = Math.Round(calibration.StepOverheadMs, 3),
            ["sequenceOverheadUs"] = Math.Round(calibration.SequenceOverheadUs, 3),
            ["medianFittedErrorPercent"] = Math.Round(medianFittedErrorPercent, 1),
            ["medianHeldOutErrorPercent"] = Math.Round(medianHeldOutErrorPercent, 1),
            ["fittedOn"] = new JsonArray(calibration.FittedOn.Select(id => (JsonNode?)JsonValue.Create(id)).ToArray()),
            ["points"] = new JsonArray(points.Select(p => (JsonNode?)p).ToArray()),
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }
}
