namespace TokenFactoryTwin.Grains.Storage;

public sealed class SqliteGrainStorageOptions
{
    /// <summary>The SQLite database file; its folder is created if missing.</summary>
    public string DatabasePath { get; set; } = Path.Combine("data", "twin.db");

    /// <summary>
    /// SQLite's <c>synchronous</c> setting. <c>FULL</c> (the default) syncs the write-ahead log at every commit, so a
    /// committed write survives a power cut too; <c>NORMAL</c> syncs only at checkpoints, surviving a crash of the
    /// process but possibly losing the last commits to a power cut or an OS crash (the file stays consistent).
    /// Commits are shared by the grains writing at once, so <c>FULL</c> costs little.
    /// </summary>
    public string Synchronous { get; set; } = "FULL";
}
