namespace TokenFactoryTwin.Grains.Storage;

/// <summary>A grain state row: its ETag and its JSON, as UTF-8.</summary>
internal sealed record SqliteRow(string ETag, byte[] Utf8Json);
