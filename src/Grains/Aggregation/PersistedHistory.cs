using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using TokenFactoryTwin.Abstractions.Kpis;
using TokenFactoryTwin.Domain.Kpis.History;

namespace TokenFactoryTwin.Grains.Aggregation;

/// <summary>
/// A grain's KPI history (<see cref="KpiTimeline"/>) kept in the twin's grain store, so a lost silo or a restart
/// loses only what was not yet stored. Chunks are records of their own under the grain's id (state names
/// <c>history-s0</c>…, <c>history-m0</c>…) in the same provider as the grain's state — the SQLite file single-silo,
/// Redis clustered — written as they fall due, one write per record at a time, never awaited by the flush.
/// A write that fails is logged and its record's ETag read again: the next chunk for it stores; the points stay in
/// memory.
/// </summary>
public sealed class PersistedHistory
{
    private static readonly Meter Meter = new("TokenFactoryTwin.History");
    private static readonly Counter<long> Writes = Meter.CreateCounter<long>("twin.history.writes", description: "History chunks stored");
    private static readonly Counter<long> Failures = Meter.CreateCounter<long>("twin.history.write_failures", description: "History chunks that failed to store");

    /// <summary>What a record holds in memory once written (its points are in the timeline).</summary>
    private static readonly HistoryChunk Stored = new();

    private readonly IGrainStorage _storage;
    private readonly GrainId _grain;
    private readonly ILogger _logger;
    private readonly Dictionary<string, GrainState<HistoryChunk>> _records = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Task> _writing = new(StringComparer.Ordinal);

    public PersistedHistory(KpiTimelineShape shape, IServiceProvider services, GrainId grain)
    {
        Timeline = new KpiTimeline(shape);
        _storage = services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Twin);
        _grain = grain;
        _logger = services.GetRequiredService<ILogger<PersistedHistory>>();
    }

    public KpiTimeline Timeline { get; }

    /// <summary>Whether this instance has started storing a chunk: the grain has history in the store from now on.</summary>
    public bool Storing => _writing.Count > 0;

    /// <summary>Reads every stored chunk and merges it into what the series holds.</summary>
    public async Task Load(DateTimeOffset now)
    {
        var flushes = await Task.WhenAll(Timeline.FlushRecordNames.Select(Read));
        var days = await Task.WhenAll(Timeline.DayRecordNames.Select(Read));
        Timeline.Restore(flushes.OfType<HistoryChunk>(), days.OfType<HistoryChunk>(), now);
    }

    /// <summary>Adds the newest point and starts storing whatever chunk it made due.</summary>
    public void Add(KpiPoint point)
    {
        Timeline.Add(point);
        foreach (var record in Timeline.TakeDue(point.AsOf))
        {
            Store(record);
        }
    }

    /// <summary>Stores the open chunk too and waits for every write: the grain is going away.</summary>
    public async Task StoreOpen(DateTimeOffset now)
    {
        foreach (var record in Timeline.TakeDue(now, open: true))
        {
            Store(record);
        }

        await Task.WhenAll(_writing.Values);
    }

    private void Store(HistoryRecord record)
    {
        var previous = _writing.GetValueOrDefault(record.Name) ?? Task.CompletedTask;
        _writing[record.Name] = Write(previous, record);
    }

    private async Task Write(Task previous, HistoryRecord record)
    {
        await previous;
        if (!_records.TryGetValue(record.Name, out var state))
        {
            _records[record.Name] = state = new GrainState<HistoryChunk>(record.Chunk);
        }

        state.State = record.Chunk;
        try
        {
            await _storage.WriteStateAsync(record.Name, _grain, state);
            Writes.Add(1);
            // Only the ETag is needed from here on: a rack would otherwise hold a copy of every chunk it stored.
            state.State = Stored;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Failures.Add(1);
            HistoryLog.WriteFailed(_logger, record.Name, _grain.ToString(), e.Message);
            await Read(record.Name);
        }
    }

    private async Task<HistoryChunk?> Read(string name)
    {
        var state = new GrainState<HistoryChunk>(new HistoryChunk());
        try
        {
            await _storage.ReadStateAsync(name, _grain, state);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A record that cannot be read is history lost, not a grain that cannot activate.
            HistoryLog.ReadFailed(_logger, name, _grain.ToString(), e.Message);
            return null;
        }

        _records[name] = state;
        var chunk = state.RecordExists ? state.State : null;
        state.State = Stored;
        return chunk;
    }
}
