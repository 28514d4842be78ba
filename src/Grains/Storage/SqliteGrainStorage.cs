using Microsoft.Data.Sqlite;
using Orleans.Storage;

namespace TokenFactoryTwin.Grains.Storage;

/// <summary>
/// The embedded default store: grain state as JSON rows in one SQLite file (UTF-8 in a blob; <c>CAST(state AS TEXT)</c>
/// shows it), with an optimistic ETag check so two
/// activations of one grain can never overwrite each other. Orleans' ADO.NET provider does not support SQLite
/// (10.4.2), and the twin must run with nothing to install, hence this small provider. Grains' operations are
/// committed in shared transactions by one <see cref="SqliteBatchWriter"/>: a facility of thousands of racks
/// configures in a few commits rather than one per grain.
/// </summary>
public sealed class SqliteGrainStorage : IGrainStorage, IDisposable
{
    private readonly TwinJsonGrainStorageSerializer _serializer = new();
    private readonly SqliteBatchWriter _writer;

    public SqliteGrainStorage(SqliteGrainStorageOptions options)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(options.DatabasePath));
        if (!string.IsNullOrEmpty(directory))
        {
            System.IO.Directory.CreateDirectory(directory);
        }

        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // One connection for the store's life: a pool would only keep the file open after Dispose.
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString();
        // Goes into a PRAGMA as text: only SQLite's own levels.
        var synchronous = options.Synchronous.ToUpperInvariant();
        if (synchronous is not ("OFF" or "NORMAL" or "FULL" or "EXTRA"))
        {
            throw new ArgumentException($"Synchronous '{options.Synchronous}' is not OFF, NORMAL, FULL or EXTRA.", nameof(options));
        }

        _writer = new SqliteBatchWriter(connectionString, synchronous);
    }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (await _writer.Enqueue(SqliteOperation.Read(stateName, grainId.ToString())) is not { } row)
        {
            grainState.RecordExists = false;
            grainState.ETag = null;
            return;
        }

        grainState.State = _serializer.Deserialize<T>(new BinaryData(row.Utf8Json));
        grainState.ETag = row.ETag;
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        // Serialised here, on the calling grain's thread, so the store's one thread only moves rows.
        var json = TwinJsonGrainStorageSerializer.ToUtf8Json(grainState.State);
        var etag = Guid.NewGuid().ToString("N");
        await _writer.Enqueue(SqliteOperation.Write(stateName, grainId.ToString(), grainState.ETag, etag, json));
        grainState.ETag = etag;
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await _writer.Enqueue(SqliteOperation.Delete(stateName, grainId.ToString()));
        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
    }

    /// <summary>Commits what is queued and closes the file.</summary>
    public void Dispose() => _writer.Dispose();
}
