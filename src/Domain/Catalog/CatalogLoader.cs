using System.Reflection;
using System.Text.Json;
using TokenFactoryTwin.Domain.Performance;

namespace TokenFactoryTwin.Domain.Catalog;

/// <summary>
/// Reads the catalog documents (hardware.json, models.json, operating-points.json, calibration.json) shipped in <c>catalog/</c>
/// and embedded in this assembly. Every figure keeps the source the documents give it.
/// </summary>
public static class CatalogLoader
{
    private static readonly Lazy<TwinCatalog> BuiltInCatalog = new(() => Load(
        ReadResource("catalog/hardware.json"),
        ReadResource("catalog/models.json"),
        ReadResource("catalog/operating-points.json"),
        ReadResource("catalog/calibration.json")));

    public static TwinCatalog BuiltIn => BuiltInCatalog.Value;

    /// <summary>The raw catalog documents, as shipped, for serving with their sources intact.</summary>
    public static string ReadDocument(string name) => ReadResource($"catalog/{name}.json");

    public static TwinCatalog Load(string hardwareJson, string modelsJson, string operatingPointsJson, string? calibrationJson = null)
    {
        using var hardware = JsonDocument.Parse(hardwareJson);
        using var models = JsonDocument.Parse(modelsJson);
        using var points = JsonDocument.Parse(operatingPointsJson);
        var hw = hardware.RootElement;
        var op = points.RootElement;

        var gpus = hw.GetProperty("gpus").EnumerateArray().Select(g => new GpuSpec(
            g.GetProperty("id").GetString()!,
            g.GetProperty("name").GetString()!,
            g.GetProperty("family").GetString()!,
            g.GetProperty("tdpW").GetDouble(),
            g.GetProperty("idleW").GetDouble(),
            g.GetProperty("hbmGB").GetDouble(),
            g.GetProperty("hbmTBps").GetDouble(),
            g.GetProperty("bf16DenseTflops").GetDouble(),
            g.GetProperty("fp8DenseTflops").GetDouble(),
            NullableDouble(g, "fp4DenseTflops"),
            g.GetProperty("scaleUpGBps").GetDouble(),
            g.GetProperty("scaleUpDomain").GetInt32(),
            g.GetProperty("allInKwPerGpu").GetDouble(),
            g.GetProperty("usdPerGpuHour").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble()),
            Strings(g, "sources"))).ToList();

        var racks = hw.GetProperty("racks").EnumerateArray().Select(r => new RackTypeSpec(
            r.GetProperty("id").GetString()!,
            r.GetProperty("name").GetString()!,
            r.GetProperty("gpu").GetString()!,
            r.GetProperty("gpusPerRack").GetInt32(),
            r.GetProperty("systemMaxKw").GetDouble(),
            r.GetProperty("rackItKw").GetDouble(),
            r.GetProperty("cooling").GetString()!,
            new ScaleOutSpec(
                r.GetProperty("scaleOut").GetProperty("portsPerGpu").GetInt32(),
                r.GetProperty("scaleOut").GetProperty("portGbps").GetDouble()),
            Strings(r, "sources"))).ToList();

        var modelList = models.RootElement.GetProperty("models").EnumerateArray().Select(m => new ModelSpec(
            m.GetProperty("id").GetString()!,
            m.GetProperty("name").GetString()!,
            m.GetProperty("totalParamsB").GetDouble(),
            m.GetProperty("activeParamsB").GetDouble(),
            m.GetProperty("attention").GetString()!,
            ModelArchitectureReader.Read(m),
            m.GetProperty("sources").GetString()!)).ToList();

        var curves = op.GetProperty("curves").EnumerateArray().Select(c => new OperatingCurve(
            c.GetProperty("id").GetString()!,
            c.GetProperty("model").GetString()!,
            c.GetProperty("gpu").GetString()!,
            c.GetProperty("precision").GetString()!,
            c.GetProperty("inputTokens").GetInt32(),
            c.GetProperty("outputTokens").GetInt32(),
            c.GetProperty("mtp").GetBoolean(),
            c.GetProperty("points").EnumerateArray()
                .Select(p => new CurvePoint(p.GetProperty("interactivity").GetDouble(), p.GetProperty("tokensPerGpuPerSecond").GetDouble()))
                .ToList(),
            c.GetProperty("engine").GetString()!,
            c.GetProperty("engineVersion").GetString()!,
            c.GetProperty("date").GetString()!,
            c.GetProperty("source").GetString()!)).ToList();

        var phasePoints = op.TryGetProperty("phasePoints", out var phases)
            ? phases.EnumerateArray().Select(p => new PhasePoint(
                p.GetProperty("id").GetString()!,
                p.GetProperty("model").GetString()!,
                p.GetProperty("gpu").GetString()!,
                p.GetProperty("phase").GetString()!,
                p.GetProperty("precision").GetString()!,
                p.GetProperty("kvPrecision").GetString()!,
                p.GetProperty("attentionPrecision").GetString()!,
                p.GetProperty("inputTokens").GetInt32(),
                p.GetProperty("tokensPerGpuPerSecond").GetDouble(),
                p.GetProperty("engine").GetString()!,
                p.GetProperty("engineVersion").GetString()!,
                p.GetProperty("date").GetString()!,
                p.GetProperty("source").GetString()!)).ToList()
            : [];

        var articlePoints = op.GetProperty("articlePoints").EnumerateArray().Select(a => new ArticlePoint(
            a.GetProperty("id").GetString()!,
            a.GetProperty("model").GetString()!,
            a.GetProperty("gpu").GetString()!,
            a.GetProperty("tokensPerGpuPerSecond").GetDouble(),
            a.GetProperty("note").GetString()!)).ToList();

        var seed = op.GetProperty("seedTable").GetProperty("rows").EnumerateArray().Select(r => new SeedTableRow(
            r.GetProperty("gpu").GetString()!,
            r.GetProperty("tokensPerGpuPerSecond").GetDouble(),
            r.GetProperty("tokensPerSecondPerMegawatt").GetDouble(),
            r.GetProperty("costPerMillionTokensUsd").GetDouble())).ToList();

        var facility = hw.GetProperty("facility");
        var pue = facility.GetProperty("pue");
        var defaults = new FacilityDefaults(
            pue.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Number).ToDictionary(p => p.Name, p => p.Value.GetDouble()),
            facility.GetProperty("derating").GetProperty("continuousLoadFraction").GetDouble(),
            pue.GetProperty("sources").GetString()!);

        return new TwinCatalog(gpus, racks, modelList, curves, articlePoints, seed, defaults)
        {
            PhasePoints = phasePoints,
            Calibration = calibrationJson is null ? PerformanceCalibration.Default : PerformanceCalibrationJson.Read(calibrationJson),
        };
    }

    private static double? NullableDouble(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    private static Dictionary<string, string> Strings(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Object
            ? value.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString())
            : [];

    internal static string ReadResource(string logicalName)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(logicalName)
            ?? throw new InvalidOperationException($"The built-in resource '{logicalName}' is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
