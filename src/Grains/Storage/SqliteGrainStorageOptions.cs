namespace TokenFactoryTwin.Grains.Storage;

public sealed class SqliteGrainStorageOptions
{
    /// <summary>The SQLite database file; its folder is created if missing.</summary>
    public string DatabasePath { get; set; } = Path.Combine("data", "twin.db");
}
