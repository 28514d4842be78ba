using TokenFactoryTwin.Abstractions.Kpis;

namespace TokenFactoryTwin.Domain.Power;

/// <summary>
/// What a power node sums: the newest load of each source and when it arrived. Downstream nodes report one by one;
/// rack cords arrive in batches, one per hall per period, and a batch is that hall's complete list for the node, so
/// a rack it stops listing (removed, or its cord moved to another node) stops counting at once. An older or equal
/// version is ignored, so duplicates, retries and re-activations never double-count. A source whose version stops
/// advancing turns stale after the stale period but keeps its last load: a rack that stops reporting still draws
/// power, and headroom must not be overstated.
/// </summary>
public sealed class PowerNodeSources
{
    private readonly Dictionary<string, Source> _sources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _batchVersions = new(StringComparer.Ordinal);

    public int Count => _sources.Count;

    /// <summary>A downstream node's load: it stays until forgotten, stale once it falls silent.</summary>
    public void Offer(PowerLoadReport report, DateTimeOffset receivedAt) => Take(report, receivedAt, hall: null, batch: 0);

    /// <returns>False when the batch is not newer than the last one from its hall, and was ignored.</returns>
    public bool Offer(RackLoadBatch batch, DateTimeOffset receivedAt)
    {
        if (_batchVersions.TryGetValue(batch.HallId, out var held) && held >= batch.Version)
        {
            return false;
        }

        _batchVersions[batch.HallId] = batch.Version;
        foreach (var load in batch.Loads)
        {
            Take(load, receivedAt, batch.HallId, batch.Version);
        }

        List<string>? gone = null;
        foreach (var (id, source) in _sources)
        {
            if (source.Hall == batch.HallId && source.Batch != batch.Version)
            {
                (gone ??= []).Add(id);
            }
        }

        gone?.ForEach(id => _sources.Remove(id));
        return true;
    }

    public void Forget(string sourceId) => _sources.Remove(sourceId);

    /// <summary>The node's load from every source it holds, stale ones included (they still draw power).</summary>
    public PowerNodeSum Sum(DateTimeOffset now, TimeSpan staleAfter)
    {
        double load = 0, ifPartnerLost = 0;
        int stale = 0, below = 0;
        DateTimeOffset? loadAsOf = null;
        foreach (var source in _sources.Values)
        {
            load += source.Report.LoadKw;
            ifPartnerLost += source.Report.LoadIfPartnerLostKw;
            below = Math.Max(below, source.Report.Height);
            if (now - source.ReceivedAt > staleAfter)
            {
                stale++;
            }
            else if (loadAsOf is null || source.Report.AsOf < loadAsOf)
            {
                loadAsOf = source.Report.AsOf;
            }
        }

        return new PowerNodeSum(load, ifPartnerLost, _sources.Count, stale, loadAsOf, below + 1);
    }

    private void Take(PowerLoadReport report, DateTimeOffset receivedAt, string? hall, long batch)
    {
        if (!_sources.TryGetValue(report.SourceId, out var held))
        {
            _sources[report.SourceId] = new Source { Report = report, ReceivedAt = receivedAt, Hall = hall, Batch = batch };
            return;
        }

        // Listed by this hall now, whether or not its load is newer: a rack that moved halls belongs to the new one.
        held.Hall = hall;
        held.Batch = batch;
        if (report.Version > held.Report.Version)
        {
            held.Report = report;
            held.ReceivedAt = receivedAt;
        }
    }

    private sealed class Source
    {
        public required PowerLoadReport Report { get; set; }

        public DateTimeOffset ReceivedAt { get; set; }

        /// <summary>The hall whose batches list this rack; null for a downstream node.</summary>
        public string? Hall { get; set; }

        /// <summary>The version of the last batch that listed it.</summary>
        public long Batch { get; set; }
    }
}
