using System.Text.Json;
using Orleans.Storage;
using TokenFactoryTwin.Domain.Facilities;

namespace TokenFactoryTwin.Grains.Storage;

/// <summary>
/// Grain state as the same camelCase JSON the API speaks, for every store (SQLite and Redis alike): readable with
/// any JSON tool, and one format to migrate.
/// </summary>
public sealed class TwinJsonGrainStorageSerializer : IGrainStorageSerializer
{
    public BinaryData Serialize<T>(T? input) => new(JsonSerializer.SerializeToUtf8Bytes(input, FacilityJson.Options));

    public T Deserialize<T>(BinaryData input) => JsonSerializer.Deserialize<T>(input.ToMemory().Span, FacilityJson.Options)!;
}
