using Orleans.Concurrency;
using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Abstractions.Ingest;
using TokenFactoryTwin.Abstractions.Telemetry;

namespace TokenFactoryTwin.Grains.Ingest;

/// <summary>
/// Hands each host's batch of a gateway's call to its host grain, all at once, and gathers their answers: the host
/// grains keep mapping GPUs to rack slots, so this adds no second mapping, only fewer calls across the network.
/// Stateless and reentrant: as many windows in flight as the gateways send.
/// </summary>
[StatelessWorker]
[Reentrant]
public sealed class HostBatchGrain : Grain, IHostBatchGrain
{
    /// <summary>Above a gigawatt site's 133,200 hosts; past it the references start over.</summary>
    private const int MaxHosts = 200_000;

    /// <summary>
    /// Each host grain's reference made once per activation: building the key and resolving the interface on every
    /// call would cost as much as the call at 133,200 hosts a second. A plain dictionary: an activation's turns never
    /// run at once, reentrant or not.
    /// </summary>
    private readonly Dictionary<string, IHostGrain> _hosts = new(StringComparer.Ordinal);

    public async Task<IngestResult[]> Ingest(IReadOnlyList<HostBatch> batches)
    {
        var facility = this.GetPrimaryKeyString();
        var calls = new Task<IngestResult>[batches.Count];
        for (var i = 0; i < batches.Count; i++)
        {
            calls[i] = One(facility, batches[i]);
        }

        return await Task.WhenAll(calls);
    }

    private IHostGrain Host(string facility, string hostname)
    {
        if (!_hosts.TryGetValue(hostname, out var host))
        {
            if (_hosts.Count >= MaxHosts)
            {
                _hosts.Clear();
            }

            host = GrainFactory.Reference<IHostGrain>(TwinKeys.Host(facility, hostname));
            _hosts[hostname] = host;
        }

        return host;
    }

    /// <summary>One host's answer; a host whose grain failed refuses its own samples, not the other hosts' of the call.</summary>
    private async Task<IngestResult> One(string facility, HostBatch batch)
    {
        try
        {
            return await Host(facility, batch.Hostname).Ingest(batch.Samples, batch.Tokens, batch.Workloads);
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            return new IngestResult(0, batch.Samples.Count + batch.Tokens.Count, [new IngestError(0, $"host '{batch.Hostname}' could not take the batch: {e.Message}")]);
        }
    }
}
