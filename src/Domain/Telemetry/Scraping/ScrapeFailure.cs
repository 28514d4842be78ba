namespace TokenFactoryTwin.Domain.Telemetry.Scraping;

/// <summary>Why a scrape failed, as far as when to try the target again goes.</summary>
public enum ScrapeFailure
{
    /// <summary>
    /// The round was missed (no complete answer within the timeout, a connection cut short, the twin not ready): the
    /// target is down for this round and tried again at its next slot, as Prometheus does, so a merely slow target
    /// is not dropped.
    /// </summary>
    Missed,

    /// <summary>
    /// The target refused (connection refused, no such host) or answered with an error (an HTTP error status, a body
    /// that is not a usable exposition): asking again every interval would only repeat the answer, so the wait
    /// doubles per failure in a row, bounded.
    /// </summary>
    Refused,
}
