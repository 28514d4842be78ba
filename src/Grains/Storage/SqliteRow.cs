namespace TokenFactoryTwin.Grains.Storage;

/// <summary>A grain state row: its ETag and its JSON.</summary>
internal sealed record SqliteRow(string ETag, string Json);
