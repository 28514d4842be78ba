namespace TokenFactoryTwin.Gateway.Scraping;

/// <summary>
/// <c>Twin:Scrape</c>: whether this gateway scrapes, how failures back off, how many scrapes run at once, and how
/// scraped batches go to the cluster. The targets declared in configuration (<c>Twin:Scrape:Targets</c>) are read
/// apart, by <see cref="ConfiguredScrapeTargets"/>: binding thousands of them with these options cost minutes.
/// </summary>
public sealed class ScrapeOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// This gateway's name among the gateways that scrape the facility and share its registered targets (default: its
    /// host name, process id and a random part, new at each start).
    /// </summary>
    public string? GatewayId { get; set; }

    /// <summary>How often the registered target list is re-read.</summary>
    public double RefreshSeconds { get; set; } = 5;

    /// <summary>
    /// The longest wait for a target that refuses or answers errors (the wait doubles per failure in a row from the
    /// interval up to this). A scrape that times out misses its round only: the next is tried on schedule.
    /// </summary>
    public double MaxBackoffSeconds { get; set; } = 300;

    /// <summary>
    /// How long a scrape's host batches wait for those of other scrapes, to go to the cluster in one call
    /// (0: one call per host, as pushed bodies go).
    /// </summary>
    public double BatchWindowMilliseconds { get; set; } = 15;

    /// <summary>The most hosts in one such call: a fuller window goes at once.</summary>
    public int BatchMaxHosts { get; set; } = 256;

    /// <summary>
    /// The most connections open at once to one scheme, host and port (0: no bound, as Prometheus keeps one per
    /// target). Connections are kept alive and reused from one scrape to the next either way; a bound makes many
    /// exporters behind one address (a proxy, or one process serving many hosts' paths) share fewer of them, at the
    /// cost of scrapes queueing for one when the address answers slowly.
    /// </summary>
    public int MaxConnectionsPerServer { get; set; }

    /// <summary>
    /// The most scrapes running at once (0: no bound). A scrape holds a connection, a socket and a read buffer until its
    /// body is read and handed to the cluster; a few milliseconds each, so even a gigawatt's 133,200 targets a second
    /// need a few hundred at once. When targets answer slowly, though, every one would hold its socket for up to its
    /// timeout: the bound keeps that from exhausting file descriptors and memory. A target due while the bound is
    /// reached waits for a free slot; a round it could not start within its interval is counted in its health
    /// (<c>roundsMissedLate</c>) and logged, so a gateway that needs a higher bound, or another gateway, says so.
    /// </summary>
    public int MaxScrapesInFlight { get; set; } = 1024;

    /// <summary>The largest scrape body accepted (after decompression).</summary>
    public long MaxBodyBytes { get; set; } = 16 * 1024 * 1024;
}
