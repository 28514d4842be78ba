using System.Collections.Concurrent;
using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;

namespace TokenFactoryTwin.Gateway.Ingest;

/// <summary>
/// The rack and host grains telemetry goes to, each reference made once: a reference costs its key string and grain
/// id each time it is made (and, before <see cref="GrainReferences"/>, a lookup of the interface's attributes: a
/// twentieth of the gateway's ingest CPU at thousands of racks a second). Bounded, so ids a client makes up cannot grow it without end.
/// </summary>
public sealed class IngestGrains(IClusterClient client)
{
    /// <summary>Above a gigawatt site's 7,400 racks and 133,200 hosts; past it the cache starts over.</summary>
    private const int MaxEach = 200_000;

    private readonly ConcurrentDictionary<(string Facility, string Id), IRackGrain> _racks = new();
    private readonly ConcurrentDictionary<(string Facility, string Id), IHostGrain> _hosts = new();

    public IRackGrain Rack(string facility, string rackId) =>
        Get(_racks, (facility, rackId), key => client.Reference<IRackGrain>(TwinKeys.Rack(key.Facility, key.Id)));

    public IHostGrain Host(string facility, string hostname) =>
        Get(_hosts, (facility, hostname), key => client.Reference<IHostGrain>(TwinKeys.Host(key.Facility, key.Id)));

    private static T Get<T>(ConcurrentDictionary<(string Facility, string Id), T> cache, (string Facility, string Id) key, Func<(string Facility, string Id), T> make)
    {
        if (cache.TryGetValue(key, out var grain))
        {
            return grain;
        }

        if (cache.Count >= MaxEach)
        {
            cache.Clear();
        }

        return cache.GetOrAdd(key, make);
    }
}
