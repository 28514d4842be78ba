using Orleans.Runtime;
using Orleans.Storage;
using TokenFactoryTwin.Grains.Storage;

namespace TokenFactoryTwin.ClusterTests.Storage;

/// <summary>
/// The embedded store commits many grains' writes in shared transactions: each write must still keep its own ETag
/// check, fail alone, and be on disk once its caller has been told it is done.
/// </summary>
public sealed class SqliteGrainStorageTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "tft-storage-tests", Guid.NewGuid().ToString("N"));

    private string DatabasePath => Path.Combine(_directory, "twin.db");

    private SqliteGrainStorage Open() => new(new SqliteGrainStorageOptions { DatabasePath = DatabasePath });

    private static GrainId Grain(int i) => GrainId.Create("rack", $"site/r{i:d4}");

    public sealed class Counter
    {
        public int Value { get; set; }

        public string? Name { get; set; }
    }

    [Fact]
    public async Task Writes_from_many_grains_at_once_are_all_there_after_the_file_is_reopened()
    {
        const int grains = 600;
        using (var storage = Open())
        {
            var states = Enumerable.Range(0, grains).Select(i => new GrainState<Counter>(new Counter { Value = i, Name = $"rack {i}" })).ToList();
            await Task.WhenAll(states.Select((s, i) => storage.WriteStateAsync("rack", Grain(i), s)));
            // A second round updates every row against the ETag the first round handed back.
            foreach (var state in states)
            {
                state.State!.Value += 1000;
            }

            await Task.WhenAll(states.Select((s, i) => storage.WriteStateAsync("rack", Grain(i), s)));
        }

        using var reopened = Open();
        var read = Enumerable.Range(0, grains).Select(_ => new GrainState<Counter>()).ToList();
        await Task.WhenAll(read.Select((s, i) => reopened.ReadStateAsync("rack", Grain(i), s)));
        Assert.All(read, s => Assert.True(s.RecordExists));
        Assert.Equal(Enumerable.Range(1000, grains), read.Select(s => s.State!.Value));
        Assert.Equal(Enumerable.Range(0, grains).Select(i => $"rack {i}"), read.Select(s => s.State!.Name));
    }

    [Fact]
    public async Task A_stale_ETag_fails_its_own_write_only()
    {
        using var storage = Open();
        var first = new GrainState<Counter>(new Counter { Value = 1 });
        await storage.WriteStateAsync("rack", Grain(0), first);
        // A second activation of the same grain read the row, then the first wrote again: the second's ETag is stale.
        var second = new GrainState<Counter>();
        await storage.ReadStateAsync("rack", Grain(0), second);
        first.State!.Value = 2;
        await storage.WriteStateAsync("rack", Grain(0), first);

        second.State!.Value = 99;
        var others = Enumerable.Range(1, 200).Select(i => storage.WriteStateAsync("rack", Grain(i), new GrainState<Counter>(new Counter { Value = i }))).ToList();
        var stale = storage.WriteStateAsync("rack", Grain(0), second);

        await Assert.ThrowsAsync<InconsistentStateException>(() => stale);
        await Task.WhenAll(others);
        var read = new GrainState<Counter>();
        await storage.ReadStateAsync("rack", Grain(0), read);
        Assert.Equal(2, read.State!.Value);
        Assert.Equal(first.ETag, read.ETag);
    }

    [Fact]
    public async Task Creating_a_row_another_activation_created_already_fails()
    {
        using var storage = Open();
        await storage.WriteStateAsync("rack", Grain(0), new GrainState<Counter>(new Counter { Value = 1 }));

        // Never read: this activation believes the row does not exist (no ETag).
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("rack", Grain(0), new GrainState<Counter>(new Counter { Value = 2 })));

        var read = new GrainState<Counter>();
        await storage.ReadStateAsync("rack", Grain(0), read);
        Assert.Equal(1, read.State!.Value);
    }

    [Fact]
    public async Task A_cleared_state_is_gone_after_the_file_is_reopened()
    {
        var state = new GrainState<Counter>(new Counter { Value = 7 });
        using (var storage = Open())
        {
            await storage.WriteStateAsync("rack", Grain(0), state);
            await storage.WriteStateAsync("rack", Grain(1), new GrainState<Counter>(new Counter { Value = 8 }));
            await storage.ClearStateAsync("rack", Grain(0), state);
            Assert.False(state.RecordExists);
            Assert.Null(state.ETag);
        }

        using var reopened = Open();
        var cleared = new GrainState<Counter>();
        var kept = new GrainState<Counter>();
        await reopened.ReadStateAsync("rack", Grain(0), cleared);
        await reopened.ReadStateAsync("rack", Grain(1), kept);
        Assert.False(cleared.RecordExists);
        Assert.True(kept.RecordExists);
        Assert.Equal(8, kept.State!.Value);
    }

    [Fact]
    public async Task A_state_stored_as_indented_text_by_an_earlier_version_reads_the_same_and_its_next_write_is_compact()
    {
        using (var storage = Open())
        {
            // Creates the file and its table.
            await storage.WriteStateAsync("rack", Grain(1), new GrainState<Counter>(new Counter { Value = 1 }));
        }

        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO grain_state (state_name, grain_id, etag, state) VALUES ('rack', $id, 'old', $state)";
            insert.Parameters.AddWithValue("$id", Grain(0).ToString());
            insert.Parameters.AddWithValue("$state", "{\n  \"value\": 41,\n  \"name\": \"rack é\"\n}");
            insert.ExecuteNonQuery();
        }

        using (var storage = Open())
        {
            var state = new GrainState<Counter>();
            await storage.ReadStateAsync("rack", Grain(0), state);
            Assert.Equal((41, "rack é", "old"), (state.State!.Value, state.State.Name, state.ETag));

            state.State.Value = 42;
            await storage.WriteStateAsync("rack", Grain(0), state);
        }

        using var reading = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly;Pooling=False");
        reading.Open();
        using var select = reading.CreateCommand();
        select.CommandText = "SELECT CAST(state AS TEXT) FROM grain_state WHERE grain_id = $id";
        select.Parameters.AddWithValue("$id", Grain(0).ToString());
        var stored = (string)select.ExecuteScalar()!;
        Assert.StartsWith("{\"value\":42,\"name\":", stored);
        Assert.DoesNotContain('\n', stored);
    }

    [Fact]
    public async Task A_closed_store_refuses_work_rather_than_losing_it()
    {
        var storage = Open();
        await storage.WriteStateAsync("rack", Grain(0), new GrainState<Counter>(new Counter { Value = 1 }));
        storage.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => storage.WriteStateAsync("rack", Grain(1), new GrainState<Counter>(new Counter())));
    }

    [Fact]
    public void Only_SQLites_own_sync_levels_are_accepted()
    {
        Assert.Throws<ArgumentException>(() => new SqliteGrainStorage(new SqliteGrainStorageOptions { DatabasePath = DatabasePath, Synchronous = "FULL; DROP TABLE grain_state" }));
        using var normal = new SqliteGrainStorage(new SqliteGrainStorageOptions { DatabasePath = DatabasePath, Synchronous = "normal" });
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Under the temp directory; a later run does not depend on it.
        }
    }
}
