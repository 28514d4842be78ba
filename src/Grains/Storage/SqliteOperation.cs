namespace TokenFactoryTwin.Grains.Storage;

/// <summary>
/// One grain's read, write or delete, queued for the store's writer. Its task completes only after the transaction
/// holding it has committed, so a caller never sees (or builds on) a row that could still be rolled back.
/// </summary>
internal sealed class SqliteOperation
{
    private readonly TaskCompletionSource<SqliteRow?> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private SqliteRow? _result;
    private Exception? _error;

    private SqliteOperation(SqliteOperationKind kind, string stateName, string grainId)
    {
        Kind = kind;
        StateName = stateName;
        GrainId = grainId;
    }

    public SqliteOperationKind Kind { get; }

    public string StateName { get; }

    public string GrainId { get; }

    /// <summary>The ETag the row must still have for a write to apply; null for a row that must not exist yet.</summary>
    public string? ExpectedETag { get; private init; }

    public string? NewETag { get; private init; }

    public byte[]? Utf8Json { get; private init; }

    /// <summary>Completes after commit: the row read, or for a write the row as stored; null for a missing row or a delete.</summary>
    public Task<SqliteRow?> Completion => _done.Task;

    public static SqliteOperation Read(string stateName, string grainId) => new(SqliteOperationKind.Read, stateName, grainId);

    public static SqliteOperation Write(string stateName, string grainId, string? expectedETag, string newETag, byte[] utf8Json) =>
        new(SqliteOperationKind.Write, stateName, grainId) { ExpectedETag = expectedETag, NewETag = newETag, Utf8Json = utf8Json };

    public static SqliteOperation Delete(string stateName, string grainId) => new(SqliteOperationKind.Delete, stateName, grainId);

    /// <summary>Records the outcome inside the open transaction; it is handed to the caller by <see cref="Complete"/>.</summary>
    public void Succeeded(SqliteRow? row)
    {
        _result = row;
        _error = null;
    }

    public void Failed(Exception error) => _error = error;

    /// <summary>Hands the recorded outcome to the caller, once its transaction has committed.</summary>
    public void Complete()
    {
        if (_error is not null)
        {
            _done.TrySetException(_error);
        }
        else
        {
            _done.TrySetResult(_result);
        }
    }

    /// <summary>The transaction did not commit: whatever was recorded did not happen.</summary>
    public void Abort(Exception error) => _done.TrySetException(error);

    public void Reset()
    {
        _result = null;
        _error = null;
    }
}
