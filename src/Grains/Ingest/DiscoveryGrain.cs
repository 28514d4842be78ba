using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Abstractions.Ingest;

namespace TokenFactoryTwin.Grains.Ingest;

/// <summary>
/// Keeps the newest report per unknown source, in memory: it is a to-do list for an operator, rebuilt within
/// seconds by the next scrape if a silo is lost. Bounded, so a flood of made-up host names cannot grow it.
/// </summary>
public sealed class DiscoveryGrain : Grain, IDiscoveryGrain
{
    public const int MaxSources = 1000;
    private readonly Dictionary<string, DiscoveredSource> _sources = [];

    public Task Report(DiscoveredSource source)
    {
        var key = $"{source.Host}/{source.Kind}/{source.GpuIndex}/{source.Uuid}";
        if (_sources.Count < MaxSources || _sources.ContainsKey(key))
        {
            _sources[key] = source;
        }

        return Task.CompletedTask;
    }

    public Task Forget(string host)
    {
        foreach (var key in _sources.Where(s => s.Value.Host == host).Select(s => s.Key).ToList())
        {
            _sources.Remove(key);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<DiscoveredSource>> GetAll() =>
        Task.FromResult<IReadOnlyList<DiscoveredSource>>(_sources.Values.OrderBy(s => s.Host).ThenBy(s => s.GpuIndex).ToList());
}
