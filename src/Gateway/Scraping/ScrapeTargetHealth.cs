namespace TokenFactoryTwin.Gateway.Scraping;

/// <summary>How a pull target fares: <c>unknown</c> before its first scrape, then <c>up</c> or <c>down</c> with the reason.</summary>
public sealed record ScrapeTargetHealth(
    string Id,
    string Url,
    string Health,
    DateTimeOffset? LastScrape,
    DateTimeOffset? LastSuccess,
    string? LastError,
    int ConsecutiveFailures,
    DateTimeOffset NextScrape,
    double? LastDurationMs,
    int? LastAccepted,
    int? LastRejected);
