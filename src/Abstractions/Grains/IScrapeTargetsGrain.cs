using TokenFactoryTwin.Abstractions.Ingest;

namespace TokenFactoryTwin.Abstractions.Grains;

/// <summary>A facility's registered pull targets. Read by gateways every few seconds, never per sample.</summary>
[Alias("tft.IScrapeTargetsGrain")]
public interface IScrapeTargetsGrain : IGrainWithStringKey
{
    /// <returns>False when a target with that id exists already.</returns>
    [Alias("Add")]
    Task<bool> Add(ScrapeTargetSpec target);

    [Alias("Remove")]
    Task<bool> Remove(string id);

    /// <summary>The list, unless <paramref name="knownVersion"/> is its version already (then only the version).</summary>
    [Alias("GetIfChanged")]
    Task<ScrapeTargetList> GetIfChanged(long knownVersion);
}
