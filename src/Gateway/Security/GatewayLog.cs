namespace TokenFactoryTwin.Gateway.Security;

/// <summary>The gateway's own log lines. Keys appear by name only, never by value.</summary>
public static partial class GatewayLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Warning,
        Message = "API keys are off: every write (ingest, registration) is open to anyone who can reach this gateway. Configure Twin:ApiKeys to require keys.")]
    public static partial void KeysOff(ILogger logger);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "API keys are on: {Count} key(s) configured ({Names}); writes need 'Authorization: Bearer <key>'.")]
    public static partial void KeysOn(ILogger logger, int count, string names);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "The twin's cluster is not reachable yet (attempt {Attempt}): {Reason}")]
    public static partial void ClusterUnreachable(ILogger logger, int attempt, string reason);

    [LoggerMessage(EventId = 110, Level = LogLevel.Warning, Message = "Scrape of {Target} failed ({Failures} in a row), next try in {Backoff}: {Reason}")]
    public static partial void ScrapeFailed(ILogger logger, string target, int failures, TimeSpan backoff, string reason);

    [LoggerMessage(EventId = 111, Level = LogLevel.Warning,
        Message = "{Missed} scrape round(s) missed in the last minute, not started within their interval: the bound of {Limit} scrapes in flight (Twin:Scrape:MaxScrapesInFlight) was reached, or the gateway was too busy; the targets answer slowly, or this gateway needs a higher bound or a second gateway")]
    public static partial void ScrapesMissedLate(ILogger logger, long missed, int limit);

    [LoggerMessage(EventId = 112, Level = LogLevel.Information, Message = "Could not give up this gateway's share of the scrape targets as it stopped (its lease runs out on its own): {Reason}")]
    public static partial void ScrapeLeaveFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 113, Level = LogLevel.Information,
        Message = "Gateway {Gateway} scrapes {Mine} of the facility's {Registered} registered targets, shared among {Gateways} gateway(s)")]
    public static partial void ScrapeShareChanged(ILogger logger, string gateway, int mine, int registered, int gateways);
}
