using TokenFactoryTwin.Abstractions.Ingest;

namespace TokenFactoryTwin.Gateway.Scraping;

/// <summary>
/// How a pull target fares: <c>unknown</c> before its first scrape, then <c>up</c> or <c>down</c> with the reason;
/// <see cref="RoundsMissedLate"/> counts the rounds that could not start within their interval: the gateway's bound on
/// scrapes in flight (<c>Twin:Scrape:MaxScrapesInFlight</c>) was reached all that time, or the gateway was too busy.
/// A registered target another gateway scrapes is <c>elsewhere</c> here, <see cref="ScrapedBy"/> naming that gateway:
/// its health is on that gateway's list.
/// </summary>
public sealed record ScrapeTargetHealth(
    string Id,
    string Url,
    string Health,
    DateTimeOffset? LastScrape,
    DateTimeOffset? LastSuccess,
    string? LastError,
    int ConsecutiveFailures,
    DateTimeOffset? NextScrape,
    double? LastDurationMs,
    int? LastAccepted,
    int? LastRejected,
    long RoundsMissedLate = 0,
    string? ScrapedBy = null)
{
    public const string ScrapedElsewhere = "elsewhere";

    /// <summary>A registered target another gateway scrapes.</summary>
    public static ScrapeTargetHealth Elsewhere(ScrapeTargetSpec target, string gateway) =>
        new(target.Id, target.Url, ScrapedElsewhere, null, null, null, 0, null, null, null, null, ScrapedBy: gateway);
}
