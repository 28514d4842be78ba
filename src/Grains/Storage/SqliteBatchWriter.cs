using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Orleans.Storage;

namespace TokenFactoryTwin.Grains.Storage;

/// <summary>
/// The one connection to the SQLite file and the thread that uses it. Grains queue their reads and writes; the
/// thread takes everything waiting (up to <see cref="MaxBatch"/>) and runs it as one transaction, then completes each
/// caller's task. A commit — one WAL append and its sync — costs far more than a row, so thousands of grains
/// configured at once share a few commits instead of paying one each; a lone write still commits at once.
/// </summary>
/// <remarks>
/// SQLite calls are synchronous, hence a thread of its own rather than the thread pool the grains run on. Each
/// write keeps its own ETag check (an UPDATE that must match the expected ETag, an INSERT that must not find a row),
/// so one failed check fails its own caller only. Any other error rolls the batch back and re-runs its operations
/// one transaction each, so only the operation at fault fails.
/// </remarks>
internal sealed class SqliteBatchWriter : IDisposable
{
    /// <summary>Bounds a transaction's size, so a caller queued behind a burst waits for a bounded batch only.</summary>
    public const int MaxBatch = 1024;

    private readonly BlockingCollection<SqliteOperation> _queue = new();
    private readonly string _connectionString;
    private readonly string _synchronous;
    private readonly Thread _thread;
    private SqliteConnection? _connection;
    private SqliteCommand? _read;
    private SqliteCommand? _insert;
    private SqliteCommand? _update;
    private SqliteCommand? _delete;

    public SqliteBatchWriter(string connectionString, string synchronous)
    {
        _connectionString = connectionString;
        _synchronous = synchronous;
        _thread = new Thread(Run) { IsBackground = true, Name = "Twin SQLite store" };
        _thread.Start();
    }

    public Task<SqliteRow?> Enqueue(SqliteOperation operation)
    {
        try
        {
            _queue.Add(operation);
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
        {
            throw new ObjectDisposedException(nameof(SqliteGrainStorage), "The grain store is closed.");
        }

        return operation.Completion;
    }

    /// <summary>Takes no more operations, lets the thread commit those queued, and closes the file.</summary>
    public void Dispose()
    {
        _queue.CompleteAdding();
        _thread.Join();
        _queue.Dispose();
    }

    private void Run()
    {
        var batch = new List<SqliteOperation>(MaxBatch);
        foreach (var first in _queue.GetConsumingEnumerable())
        {
            batch.Add(first);
            while (batch.Count < MaxBatch && _queue.TryTake(out var next))
            {
                batch.Add(next);
            }

            Execute(batch);
            batch.Clear();
        }

        _connection?.Dispose();
    }

    private void Execute(List<SqliteOperation> batch)
    {
        try
        {
            InOneTransaction(batch);
        }
        catch (Exception) when (batch.Count > 1)
        {
            foreach (var operation in batch)
            {
                try
                {
                    InOneTransaction([operation]);
                }
                catch (Exception alone)
                {
                    operation.Abort(alone);
                }
            }
        }
        catch (Exception e)
        {
            batch[0].Abort(e);
        }
    }

    private void InOneTransaction(IReadOnlyList<SqliteOperation> operations)
    {
        var connection = Open();
        // A batch of reads needs no write lock (another silo of a test cluster may share the file).
        using var transaction = connection.BeginTransaction(deferred: operations.All(o => o.Kind == SqliteOperationKind.Read));
        foreach (var operation in operations)
        {
            operation.Reset();
            Apply(operation, transaction);
        }

        transaction.Commit();
        foreach (var operation in operations)
        {
            operation.Complete();
        }
    }

    private void Apply(SqliteOperation operation, SqliteTransaction transaction)
    {
        switch (operation.Kind)
        {
            case SqliteOperationKind.Read:
            {
                var command = Bind(_read!, transaction, operation);
                using var reader = command.ExecuteReader();
                // The JSON's bytes whether the row holds them as a blob or (written by earlier versions) as text.
                operation.Succeeded(reader.Read() ? new SqliteRow(reader.GetString(0), reader.GetFieldValue<byte[]>(1)) : null);
                break;
            }

            case SqliteOperationKind.Write:
            {
                var command = Bind(operation.ExpectedETag is null ? _insert! : _update!, transaction, operation);
                command.Parameters["$etag"].Value = operation.NewETag;
                // Bound as the serializer's UTF-8 bytes (a blob): as text it was decoded to a string and encoded back,
                // three copies of every state, and at 1 GW a scenario's state is tens of MB on the large object heap.
                command.Parameters["$state"].Value = operation.Utf8Json;
                if (operation.ExpectedETag is { } expected)
                {
                    command.Parameters["$expected"].Value = expected;
                }

                if (command.ExecuteNonQuery() == 1)
                {
                    operation.Succeeded(new SqliteRow(operation.NewETag!, operation.Utf8Json!));
                }
                else
                {
                    operation.Failed(new InconsistentStateException(
                        $"Grain state '{operation.StateName}' of {operation.GrainId} was changed by another activation (ETag mismatch)."));
                }

                break;
            }

            case SqliteOperationKind.Delete:
                Bind(_delete!, transaction, operation).ExecuteNonQuery();
                operation.Succeeded(null);
                break;
        }
    }

    private static SqliteCommand Bind(SqliteCommand command, SqliteTransaction transaction, SqliteOperation operation)
    {
        command.Transaction = transaction;
        command.Parameters["$name"].Value = operation.StateName;
        command.Parameters["$id"].Value = operation.GrainId;
        return command;
    }

    private SqliteConnection Open()
    {
        if (_connection is not null)
        {
            return _connection;
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using (var setup = connection.CreateCommand())
            {
                // WAL: readers never wait for the writer. The sync level is the store's option (see SqliteGrainStorageOptions).
                setup.CommandText = $"""
                    PRAGMA journal_mode = WAL;
                    PRAGMA synchronous = {_synchronous};
                    CREATE TABLE IF NOT EXISTS grain_state (
                        state_name TEXT NOT NULL,
                        grain_id   TEXT NOT NULL,
                        etag       TEXT NOT NULL,
                        state      TEXT NOT NULL,
                        PRIMARY KEY (state_name, grain_id));
                    """;
                setup.ExecuteNonQuery();
            }

            // Prepared once and re-bound per row: parsing the SQL again for every grain was a tenth of the store's time.
            _read = Command(connection, "SELECT etag, state FROM grain_state WHERE state_name = $name AND grain_id = $id");
            _insert = Command(connection,
                "INSERT INTO grain_state (state_name, grain_id, etag, state) VALUES ($name, $id, $etag, $state) ON CONFLICT DO NOTHING",
                "$etag", "$state");
            _update = Command(connection,
                "UPDATE grain_state SET etag = $etag, state = $state WHERE state_name = $name AND grain_id = $id AND etag = $expected",
                "$etag", "$state", "$expected");
            _delete = Command(connection, "DELETE FROM grain_state WHERE state_name = $name AND grain_id = $id");
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        _connection = connection;
        return connection;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, params string[] extra)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in (string[])["$name", "$id", .. extra])
        {
            command.Parameters.Add(name, SqliteType.Text);
        }

        return command;
    }
}
