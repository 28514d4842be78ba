using System.Text.Json;

namespace TokenFactoryTwin.Domain.Catalog;

/// <summary>Reads a model's architecture fields from its models.json entry; absent fields read as zero.</summary>
internal static class ModelArchitectureReader
{
    public static ModelArchitecture Read(JsonElement model)
    {
        var attention = model.GetProperty("attention").GetString() ?? "";
        return new ModelArchitecture(
            Int(model, "layers"),
            Int(model, "denseLayers"),
            Int(model, "hidden"),
            Int(model, "heads"),
            Int(model, "kvHeads"),
            Int(model, "headDim"),
            attention.StartsWith("MLA", StringComparison.Ordinal),
            Int(model, "kvLoraRank"),
            Int(model, "qkRopeHeadDim"),
            Int(model, "qkNopeHeadDim"),
            Int(model, "vHeadDim"),
            Math.Max(Int(model, "routedExperts"), Int(model, "experts")),
            Int(model, "topK"),
            Int(model, "mtpLayers"),
            Int(model, "slidingWindow"),
            Int(model, "slidingWindowLayers"),
            model.TryGetProperty("nativePrecision", out var native) ? native.GetString() ?? "bf16" : "bf16");
    }

    private static int Int(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : 0;
}
