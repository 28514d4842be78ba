using Microsoft.Extensions.Options;
using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Abstractions.Ingest;
using TokenFactoryTwin.Abstractions.Telemetry;
using TokenFactoryTwin.Domain.Timing;
using TokenFactoryTwin.Gateway.Scraping;

namespace TokenFactoryTwin.Gateway.Ingest;

/// <summary>
/// The host batches of scrapes that end within a short window (<c>Twin:Scrape:BatchWindowMilliseconds</c>), sent to the
/// cluster in one call per window (<see cref="IHostBatchGrain"/>) instead of one per host: at a gigawatt's 133,200
/// hosts scraped each second, one call per host is as many calls a second as there are hosts.
/// </summary>
public sealed class HostBatches
{
    private readonly WindowBatcher<string, HostBatch, IngestResult>? _batcher;

    public HostBatches(IClusterClient client, IOptions<ScrapeOptions> options, TimeProvider time)
    {
        var scrape = options.Value;
        if (scrape.BatchWindowMilliseconds > 0)
        {
            _batcher = new WindowBatcher<string, HostBatch, IngestResult>(
                TimeSpan.FromMilliseconds(scrape.BatchWindowMilliseconds), Math.Max(1, scrape.BatchMaxHosts),
                (facility, batches) => client.Reference<IHostBatchGrain>(TwinKeys.Facility(facility)).Ingest(batches), time);
        }
    }

    /// <summary>Whether batches are gathered (a window of 0 ms sends each host on its own).</summary>
    public bool Enabled => _batcher is not null;

    public Task<IngestResult> Ingest(string facility, HostBatch batch) =>
        _batcher?.Add(facility, batch) ?? throw new InvalidOperationException("host batches are not gathered (Twin:Scrape:BatchWindowMilliseconds is 0)");
}
