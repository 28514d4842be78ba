using System.Text.Json;
using Orleans.Storage;
using TokenFactoryTwin.Domain.Facilities;

namespace TokenFactoryTwin.Grains.Storage;

/// <summary>
/// Grain state as the same camelCase JSON the API speaks, for every store (SQLite and Redis alike): readable with
/// any JSON tool, and one format to migrate. Written compact (<see cref="FacilityJson.Compact"/>); states stored
/// indented by earlier versions read the same.
/// </summary>
public sealed class TwinJsonGrainStorageSerializer : IGrainStorageSerializer
{
    public BinaryData Serialize<T>(T? input) => new(ToUtf8Json(input));

    /// <summary>The state's JSON as the array it was written to (<see cref="BinaryData.ToArray"/> would copy it).</summary>
    public static byte[] ToUtf8Json<T>(T? input) => JsonSerializer.SerializeToUtf8Bytes(input, FacilityJson.Compact);

    public T Deserialize<T>(BinaryData input) => JsonSerializer.Deserialize<T>(input.ToMemory().Span, FacilityJson.Compact)!;
}
