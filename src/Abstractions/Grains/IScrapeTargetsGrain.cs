using TokenFactoryTwin.Abstractions.Ingest;

namespace TokenFactoryTwin.Abstractions.Grains;

/// <summary>A facility's registered pull targets. Read by gateways every few seconds, never per sample.</summary>
[Alias("tft.IScrapeTargetsGrain")]
public interface IScrapeTargetsGrain : IGrainWithStringKey
{
    /// <returns>False when a target with that id exists already.</returns>
    [Alias("Add")]
    Task<bool> Add(ScrapeTargetSpec target);

    /// <summary>
    /// Adds every target of a list in one step (one write), or none: returns the ids that exist already (then nothing
    /// was added). A farm's thousands of exporters, one request rather than a rewrite of the whole list per target.
    /// </summary>
    [Alias("AddAll")]
    Task<IReadOnlyList<string>> AddAll(IReadOnlyList<ScrapeTargetSpec> targets);

    [Alias("Remove")]
    Task<bool> Remove(string id);

    /// <summary>The list, unless <paramref name="knownVersion"/> is its version already (then only the version).</summary>
    [Alias("GetIfChanged")]
    Task<ScrapeTargetList> GetIfChanged(long knownVersion);
}
