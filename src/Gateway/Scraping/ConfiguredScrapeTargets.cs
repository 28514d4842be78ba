using System.Globalization;
using TokenFactoryTwin.Abstractions.Ingest;

namespace TokenFactoryTwin.Gateway.Scraping;

/// <summary>
/// The targets declared under <c>Twin:Scrape:Targets</c> in the gateway's configuration, read once at start; a bad
/// one stops the start with every problem listed (the same rules as the API's).
/// <para>
/// Read by hand, not by the options binder: the binder lists a section's children by scanning every configuration
/// key, and does so again for each element, so its cost grows with the square of the targets. 62,514 targets (the
/// dcgm-exporters of a quarter gigawatt) held one core for more than ten minutes before the gateway could start;
/// here they are one pass over the keys.
/// </para>
/// </summary>
public sealed class ConfiguredScrapeTargets
{
    public const string Section = "Twin:Scrape:Targets";

    public ConfiguredScrapeTargets(IConfiguration configuration)
    {
        var targets = new List<ScrapeTargetSpec>();
        var problems = new List<string>();
        foreach (var entry in configuration.GetSection(Section).GetChildren())
        {
            var target = Read(entry, problems);
            var found = ScrapeTargetRules.Problems(target);
            problems.AddRange(found.Select(p => $"{entry.Path}: {p}"));
            if (found.Count == 0)
            {
                targets.Add(target);
            }
        }

        var duplicates = targets.GroupBy(t => t.Id, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        problems.AddRange(duplicates.Select(id => $"{Section}: the id '{id}' is declared more than once"));
        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"{problems.Count} problem(s) in the declared scrape targets: {string.Join("; ", problems.Take(20))}");
        }

        All = targets;
    }

    public IReadOnlyList<ScrapeTargetSpec> All { get; }

    private static ScrapeTargetSpec Read(IConfigurationSection entry, List<string> problems) => new(
        entry["Id"] ?? "",
        entry["Url"] ?? "",
        Seconds(entry, "IntervalSeconds", 15, problems),
        Seconds(entry, "TimeoutSeconds", 5, problems),
        entry["Host"],
        entry["Endpoint"]);

    private static double Seconds(IConfigurationSection entry, string key, double absent, List<string> problems)
    {
        if (entry[key] is not { } text)
        {
            return absent;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return seconds;
        }

        problems.Add($"{entry.Path}:{key}: '{text}' is not a number");
        return absent;
    }
}
