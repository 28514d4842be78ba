using System.Collections.Concurrent;

namespace TokenFactoryTwin.Gateway.Scraping;

/// <summary>This gateway's view of its pull targets' health, as its scraper last saw them.</summary>
public sealed class ScrapeHealthRegistry
{
    private readonly ConcurrentDictionary<string, ScrapeTargetHealth> _health = new();

    public ScrapeTargetHealth? Get(string id) => _health.GetValueOrDefault(id);

    public void Set(ScrapeTargetHealth health) => _health[health.Id] = health;

    public void RetainOnly(IReadOnlyCollection<string> ids)
    {
        foreach (var id in _health.Keys.Except(ids).ToList())
        {
            _health.TryRemove(id, out _);
        }
    }

    public IReadOnlyList<ScrapeTargetHealth> All() => _health.Values.OrderBy(h => h.Id, StringComparer.Ordinal).ToList();
}
