using TokenFactoryTwin.Abstractions.Ingest;

namespace TokenFactoryTwin.Gateway.Scraping;

/// <summary><c>Twin:Scrape</c>: whether this gateway scrapes, targets from its configuration, and how failures back off.</summary>
public sealed class ScrapeOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Targets declared in configuration, scraped in addition to those registered through the API.</summary>
    public List<ScrapeTargetSpec> Targets { get; set; } = [];

    /// <summary>How often the registered target list is re-read.</summary>
    public double RefreshSeconds { get; set; } = 5;

    /// <summary>The longest wait after repeated failures (the wait doubles per failure from the interval up to this).</summary>
    public double MaxBackoffSeconds { get; set; } = 300;

    /// <summary>The largest scrape body accepted (after decompression).</summary>
    public long MaxBodyBytes { get; set; } = 16 * 1024 * 1024;
}
