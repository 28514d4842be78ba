using TokenFactoryTwin.Abstractions.Ingest;

namespace TokenFactoryTwin.Gateway.Scraping;

/// <summary>What a scrape target must be, whether registered through the API or declared in configuration.</summary>
public static class ScrapeTargetRules
{
    /// <summary>Every problem with <paramref name="target"/>; none when it can be scraped.</summary>
    public static List<string> Problems(ScrapeTargetSpec? target)
    {
        if (target is null)
        {
            return ["the body needs a target: { \"id\", \"url\", \"intervalSeconds\", \"timeoutSeconds\", \"host\" | \"endpoint\" }"];
        }

        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(target.Id) || target.Id.Contains('/'))
        {
            problems.Add("id is required and may not contain '/'");
        }

        if (!Uri.TryCreate(target.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            problems.Add($"url '{target.Url}' is not an absolute http(s) URL");
        }

        if (!double.IsFinite(target.IntervalSeconds) || target.IntervalSeconds is < 0.2 or > 3600)
        {
            problems.Add($"intervalSeconds {target.IntervalSeconds} is outside 0.2..3600");
        }

        if (!double.IsFinite(target.TimeoutSeconds) || target.TimeoutSeconds <= 0 || target.TimeoutSeconds > 60)
        {
            problems.Add($"timeoutSeconds {target.TimeoutSeconds} is outside (0, 60]");
        }

        if (target.Host is not null && target.Endpoint is not null)
        {
            problems.Add("give 'host' or 'endpoint', not both");
        }

        return problems;
    }
}
