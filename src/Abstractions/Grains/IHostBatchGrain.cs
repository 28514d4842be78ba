using TokenFactoryTwin.Abstractions.Ingest;
using TokenFactoryTwin.Abstractions.Telemetry;

namespace TokenFactoryTwin.Abstractions.Grains;

/// <summary>
/// Several hosts' batches in one call from a gateway, handed to their host grains inside the cluster: a scraper
/// pulling thousands of hosts a second makes one call per short window instead of one per host. Keyed by the
/// facility id (<see cref="TwinKeys.Facility"/>); a local worker on each silo, holding no state.
/// </summary>
[Alias("tft.IHostBatchGrain")]
public interface IHostBatchGrain : IGrainWithStringKey
{
    /// <returns>One result per batch, in order, as <see cref="IHostGrain.Ingest"/> gave it; a host whose grain failed
    /// has all its samples refused with the reason.</returns>
    [Alias("Ingest")]
    Task<IngestResult[]> Ingest(IReadOnlyList<HostBatch> batches);
}
