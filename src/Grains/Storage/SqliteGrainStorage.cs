using Microsoft.Data.Sqlite;
using Orleans.Storage;

namespace TokenFactoryTwin.Grains.Storage;

/// <summary>
/// The embedded default store: grain state as JSON rows in one SQLite file, with an optimistic ETag check so two
/// activations of one grain can never overwrite each other. Orleans' ADO.NET provider does not support SQLite
/// (10.4.2), and the twin must run with nothing to install, hence this small provider.
/// </summary>
public sealed class SqliteGrainStorage : IGrainStorage
{
    private readonly TwinJsonGrainStorageSerializer _serializer = new();
    private readonly string _connectionString;
    private readonly Lazy<Task> _schema;

    public SqliteGrainStorage(SqliteGrainStorageOptions options)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(options.DatabasePath));
        if (!string.IsNullOrEmpty(directory))
        {
            System.IO.Directory.CreateDirectory(directory);
        }

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Shared,
            DefaultTimeout = 30,
        }.ToString();
        _schema = new Lazy<Task>(CreateSchema);
    }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = await Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT etag, state FROM grain_state WHERE state_name = $name AND grain_id = $id";
        command.Parameters.AddWithValue("$name", stateName);
        command.Parameters.AddWithValue("$id", grainId.ToString());
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            grainState.RecordExists = false;
            grainState.ETag = null;
            return;
        }

        grainState.ETag = reader.GetString(0);
        grainState.State = _serializer.Deserialize<T>(BinaryData.FromString(reader.GetString(1)));
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var json = _serializer.Serialize(grainState.State).ToString();
        var etag = Guid.NewGuid().ToString("N");
        await using var connection = await Open();
        await using var command = connection.CreateCommand();
        if (grainState.ETag is null)
        {
            command.CommandText = "INSERT INTO grain_state (state_name, grain_id, etag, state) VALUES ($name, $id, $etag, $state) ON CONFLICT DO NOTHING";
        }
        else
        {
            command.CommandText = "UPDATE grain_state SET etag = $etag, state = $state WHERE state_name = $name AND grain_id = $id AND etag = $expected";
            command.Parameters.AddWithValue("$expected", grainState.ETag);
        }

        command.Parameters.AddWithValue("$name", stateName);
        command.Parameters.AddWithValue("$id", grainId.ToString());
        command.Parameters.AddWithValue("$etag", etag);
        command.Parameters.AddWithValue("$state", json);
        if (await command.ExecuteNonQueryAsync() != 1)
        {
            throw new InconsistentStateException($"Grain state '{stateName}' of {grainId} was changed by another activation (ETag mismatch).");
        }

        grainState.ETag = etag;
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = await Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM grain_state WHERE state_name = $name AND grain_id = $id";
        command.Parameters.AddWithValue("$name", stateName);
        command.Parameters.AddWithValue("$id", grainId.ToString());
        await command.ExecuteNonQueryAsync();
        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
    }

    private async Task<SqliteConnection> Open()
    {
        await _schema.Value;
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        return connection;
    }

    private async Task CreateSchema()
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS grain_state (
                state_name TEXT NOT NULL,
                grain_id   TEXT NOT NULL,
                etag       TEXT NOT NULL,
                state      TEXT NOT NULL,
                PRIMARY KEY (state_name, grain_id));
            """;
        await command.ExecuteNonQueryAsync();
    }
}
