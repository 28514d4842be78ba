using System.Text.Json;
using System.Text.Json.Serialization;

namespace TokenFactoryTwin.Domain.Facilities;

/// <summary>The JSON conventions of facility files and of the twin's API: camelCase, enums by name, comments allowed.</summary>
public static class FacilityJson
{
    public static JsonSerializerOptions Options { get; } = Create(indented: true);

    /// <summary>
    /// The same conventions written without indentation: what the grain store keeps. A gigawatt's facility state and
    /// its 7,400 racks' configurations are written at the first start, and every rack's history each minute; indented,
    /// about half of those bytes were spaces to serialize and store.
    /// </summary>
    public static JsonSerializerOptions Compact { get; } = Create(indented: false);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            WriteIndented = indented,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
