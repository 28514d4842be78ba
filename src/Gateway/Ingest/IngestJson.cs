using System.Text.Json;
using System.Text.Json.Serialization;

namespace TokenFactoryTwin.Gateway.Ingest;

/// <summary>
/// JSON conventions of the ingest API: camelCase; "NaN"/"Infinity" read as numbers so that such a sample is refused
/// with its index and the field it names, rather than the whole batch failing to parse.
/// </summary>
public static class IngestJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        MaxDepth = 16,
    };
}
