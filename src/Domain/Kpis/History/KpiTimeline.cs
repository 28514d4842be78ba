using TokenFactoryTwin.Abstractions.Kpis;

namespace TokenFactoryTwin.Domain.Kpis.History;

/// <summary>
/// A series' history in memory and what of it is due to be stored. The flush tier is a ring of one point a flush; it
/// is cut into chunks of time, and a chunk is stored once when it seals (and, if the shape says so, its open part
/// every checkpoint), never the whole window: one record of a minute's points rather than an hour's every second.
/// The day tier is a ring of one point a minute, each the mean of the minute's flush points, stored one record per
/// hour of the day, rewritten as its minutes seal. Records are named by slot (chunk or hour modulo the window), so
/// a series keeps a fixed number of them and old ones are overwritten, not piled up.
/// </summary>
public sealed class KpiTimeline
{
    public const int DayPoints = 1440;

    private static readonly TimeSpan DayWindow = TimeSpan.FromDays(1);

    private readonly KpiTimelineShape _shape;
    private readonly KpiHistory _flushes;
    private readonly KpiHistory? _minutes;
    private readonly string[] _flushNames;
    private readonly string[] _dayNames;
    private readonly List<HistoryRecord> _due = [];

    // The open chunk of the flush tier: how many of the ring's newest points it holds (kept as values in the ring,
    // not as a list of point objects per rack), and whether it changed since it was last stored.
    private int _open;
    private long _openChunk = long.MinValue;
    private bool _openChanged;
    private DateTimeOffset _openStoredAt;

    // The open minute of the day tier, and the sealed minutes of its hour (the hour's record).
    private readonly List<KpiPoint> _minute = [];
    private long _openMinute = long.MinValue;
    private readonly List<KpiPoint> _hour = [];
    private long _hourChanged = long.MinValue;
    private long _lastTicks = long.MinValue;

    public KpiTimeline(KpiTimelineShape shape)
    {
        _shape = shape;
        _flushes = new KpiHistory(shape.Points);
        _minutes = shape.Day ? new KpiHistory(DayPoints) : null;
        _flushNames = Enumerable.Range(0, shape.Slots).Select(i => $"history-s{i}").ToArray();
        _dayNames = shape.Day ? Enumerable.Range(0, 24).Select(i => $"history-m{i}").ToArray() : [];
    }

    /// <summary>The names of every record the flush tier may be stored in.</summary>
    public IReadOnlyList<string> FlushRecordNames => _flushNames;

    /// <summary>The names of every record the day tier may be stored in (none without one).</summary>
    public IReadOnlyList<string> DayRecordNames => _dayNames;

    /// <summary>The flush tier, oldest first.</summary>
    public IReadOnlyList<KpiPoint> Recent() => _flushes.ToList();

    /// <summary>The day tier, oldest first (empty without one).</summary>
    public IReadOnlyList<KpiPoint> Day() => _minutes?.ToList() ?? [];

    /// <summary>Adds the newest point; one no newer than the last is dropped (a repeat after a restore).</summary>
    public void Add(KpiPoint point)
    {
        var ticks = point.AsOf.UtcTicks;
        if (ticks <= _lastTicks)
        {
            return;
        }

        _lastTicks = ticks;
        var chunk = ChunkOf(ticks);
        if (chunk != _openChunk)
        {
            if (_open > 0)
            {
                _due.Add(FlushRecord(_openChunk));
            }

            _open = 0;
            _openChunk = chunk;
            _openStoredAt = point.AsOf;
        }

        _open = Math.Min(_open + 1, _flushes.Capacity);
        _openChanged = true;
        _flushes.Add(point);
        if (_minutes is not null)
        {
            var minute = ticks / TimeSpan.TicksPerMinute;
            if (minute != _openMinute)
            {
                SealMinute();
                _openMinute = minute;
            }

            _minute.Add(point);
        }
    }

    /// <summary>
    /// The records to store now: sealed chunks, the open chunk if a checkpoint is due, and the hour of the day tier
    /// whose minute sealed. Empty (and allocation-free) on most flushes.
    /// </summary>
    /// <param name="now">The time of the flush.</param>
    /// <param name="open">Whether the open chunk is due whatever the checkpoint (the series is going away).</param>
    public IReadOnlyList<HistoryRecord> TakeDue(DateTimeOffset now, bool open = false)
    {
        var checkpoint = open || (_shape.Checkpoint is { } every && now - _openStoredAt >= every);
        if (checkpoint && _openChanged && _open > 0)
        {
            _due.Add(FlushRecord(_openChunk));
        }

        if (_hourChanged != long.MinValue)
        {
            _due.Add(new HistoryRecord(_dayNames[(int)(_hourChanged % _dayNames.Length)], HistoryChunk.Of(_hourChanged * TimeSpan.TicksPerHour, _hour)));
            _hourChanged = long.MinValue;
        }

        if (_due.Count == 0)
        {
            return [];
        }

        var taken = _due.ToArray();
        _due.Clear();
        return taken;
    }

    /// <summary>
    /// Merges stored chunks into what the series holds (points added since activation stay): points outside the
    /// window at <paramref name="now"/> are dropped, a point stored twice is kept once, and the open chunk and minute
    /// carry on with their stored points, so their next record keeps what was stored before the fault.
    /// </summary>
    public void Restore(IEnumerable<HistoryChunk> flushChunks, IEnumerable<HistoryChunk> dayChunks, DateTimeOffset now)
    {
        var flushes = Merge(flushChunks, _flushes, now - _shape.Window, now);
        _flushes.Replace(flushes);
        if (flushes.Count == 0)
        {
            return;
        }

        var last = flushes[^1];
        _lastTicks = Math.Max(_lastTicks, last.AsOf.UtcTicks);
        _openChunk = ChunkOf(last.AsOf.UtcTicks);
        _open = flushes.Count(p => ChunkOf(p.AsOf.UtcTicks) == _openChunk);
        _openChanged = false;
        _openStoredAt = now;
        if (_minutes is null)
        {
            return;
        }

        var minutes = Merge(dayChunks, _minutes, now - DayWindow, now);
        _minutes.Replace(minutes);
        var sealedUpTo = minutes.Count > 0 ? minutes[^1].AsOf.UtcTicks / TimeSpan.TicksPerMinute : long.MinValue;
        var hour = minutes.Count > 0 ? minutes[^1].AsOf.UtcTicks / TimeSpan.TicksPerHour : long.MinValue;
        _hour.Clear();
        _hour.AddRange(minutes.Where(p => p.AsOf.UtcTicks / TimeSpan.TicksPerHour == hour));
        _openMinute = last.AsOf.UtcTicks / TimeSpan.TicksPerMinute;
        _minute.Clear();
        if (_openMinute > sealedUpTo)
        {
            _minute.AddRange(flushes.Where(p => p.AsOf.UtcTicks / TimeSpan.TicksPerMinute == _openMinute));
        }
    }

    private static List<KpiPoint> Merge(IEnumerable<HistoryChunk> chunks, KpiHistory held, DateTimeOffset after, DateTimeOffset now) =>
        chunks.SelectMany(c => c.Points()).Concat(held.ToList())
            .Where(p => p.AsOf > after && p.AsOf <= now)
            .DistinctBy(p => p.AsOf.UtcTicks)
            .OrderBy(p => p.AsOf.UtcTicks)
            .TakeLast(held.Capacity)
            .ToList();

    private void SealMinute()
    {
        if (_minute.Count == 0)
        {
            return;
        }

        var point = KpiDownsampling.Mean(new DateTimeOffset(_openMinute * TimeSpan.TicksPerMinute, TimeSpan.Zero), _minute);
        _minute.Clear();
        _minutes!.Add(point);
        var hour = _openMinute / 60;
        if (_hour.Count > 0 && _hour[^1].AsOf.UtcTicks / TimeSpan.TicksPerHour != hour)
        {
            _hour.Clear();
        }

        _hour.Add(point);
        _hourChanged = hour;
    }

    private long ChunkOf(long ticks) => (ticks - _shape.ChunkOffset.Ticks) / _shape.Chunk.Ticks;

    /// <summary>The open chunk's record: the ring's newest points since the chunk began.</summary>
    private HistoryRecord FlushRecord(long chunk)
    {
        var points = _flushes.Newest(_open);
        _openChanged = false;
        _openStoredAt = points[^1].AsOf;
        return new HistoryRecord(_flushNames[(int)(chunk % _flushNames.Length)], HistoryChunk.Of(chunk * _shape.Chunk.Ticks + _shape.ChunkOffset.Ticks, points));
    }
}
