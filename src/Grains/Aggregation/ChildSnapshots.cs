namespace TokenFactoryTwin.Grains.Aggregation;

/// <summary>
/// The newest snapshot per child and when it arrived. An older or equal version is ignored, so duplicates,
/// retries and re-activations never double-count; a child silent for longer than the stale period is stale.
/// </summary>
public sealed class ChildSnapshots<T>(Func<T, long> versionOf)
{
    private readonly Dictionary<string, (T Snapshot, DateTimeOffset ReceivedAt)> _latest = new(StringComparer.Ordinal);

    public int Count => _latest.Count;

    /// <returns>True when the snapshot is newer than the one held and replaced it.</returns>
    public bool Offer(string childId, T snapshot, DateTimeOffset receivedAt)
    {
        if (_latest.TryGetValue(childId, out var held) && versionOf(held.Snapshot) >= versionOf(snapshot))
        {
            return false;
        }

        _latest[childId] = (snapshot, receivedAt);
        return true;
    }

    public void Forget(string childId) => _latest.Remove(childId);

    public void RetainOnly(IReadOnlyCollection<string> childIds)
    {
        foreach (var id in _latest.Keys.Where(id => !childIds.Contains(id)).ToList())
        {
            _latest.Remove(id);
        }
    }

    public bool IsStale(string childId, DateTimeOffset now, TimeSpan staleAfter) =>
        !_latest.TryGetValue(childId, out var held) || now - held.ReceivedAt > staleAfter;

    /// <summary>The newest snapshot of each child, fresh or stale.</summary>
    public IEnumerable<T> Latest => _latest.Values.Select(v => v.Snapshot);

    public T? Get(string childId) => _latest.TryGetValue(childId, out var held) ? held.Snapshot : default;

    public IEnumerable<(string Id, T Snapshot, bool Stale)> All(DateTimeOffset now, TimeSpan staleAfter) =>
        _latest.Select(kv => (kv.Key, kv.Value.Snapshot, now - kv.Value.ReceivedAt > staleAfter));
}
