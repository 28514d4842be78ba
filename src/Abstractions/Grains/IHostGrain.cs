using TokenFactoryTwin.Abstractions.Ingest;
using TokenFactoryTwin.Abstractions.Telemetry;

namespace TokenFactoryTwin.Abstractions.Grains;

/// <summary>
/// One server of a live rack, keyed by the host name its exporters report: maps the exporter's GPU index to the
/// rack's slots, remembers each GPU's UUID once seen (the stable key after that), and forwards a scraped host's
/// samples to its rack in one call. A host nobody registered lists itself for an operator.
/// </summary>
[Alias("tft.IHostGrain")]
public interface IHostGrain : IGrainWithStringKey
{
    /// <returns>Null when assigned; otherwise why not (the host belongs to another rack).</returns>
    [Alias("Assign")]
    Task<string?> Assign(HostAssignment assignment);

    /// <summary>Forgets the assignment (and the UUIDs learnt under it) if it is still <paramref name="rackId"/>'s.</summary>
    [Alias("Release")]
    Task Release(string rackId);

    [Alias("GetAssignment")]
    Task<HostAssignment?> GetAssignment();

    /// <param name="samples">GPU samples with the exporter's GPU index in <see cref="PackedGpuSample.GpuIndex"/>.</param>
    /// <param name="tokens">An inference server's counter readings on this host, each spread evenly over its GPUs.</param>
    /// <param name="workloads">The host's GPUs' Kubernetes labels, when they changed since last sent (else null).</param>
    /// <returns>Errors indexed into <paramref name="samples"/>, then into <paramref name="tokens"/> (from <c>samples.Count</c> on).</returns>
    [Alias("Ingest")]
    Task<IngestResult> Ingest(GpuSampleBatch samples, IReadOnlyList<ServerTokens> tokens, HostWorkloads? workloads = null);
}
