using System.Globalization;
using TokenFactoryTwin.Abstractions.Topology;

namespace TokenFactoryTwin.Domain.Carbon;

/// <summary>
/// Reads an hourly carbon-intensity series: one <c>hour,gramsPerKwh</c> row per line (ISO-8601 hours, UTC unless
/// they say otherwise), an optional header, <c>#</c> comments. Every bad line is a problem; nothing is half-read.
/// </summary>
public static class CarbonCsv
{
    public const double MaxGramsPerKwh = 2000;

    public static (IReadOnlyList<CarbonHour> Hours, IReadOnlyList<string> Problems) Parse(string text)
    {
        var hours = new List<CarbonHour>();
        var problems = new List<string>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var cells = line.Split(',');
            var dated = DateTimeOffset.TryParse(cells[0].Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var hour);
            if (!dated && i == 0 && hours.Count == 0)
            {
                continue; // a header
            }

            if (cells.Length != 2 || !dated
                || !double.TryParse(cells[1].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var grams)
                || !double.IsFinite(grams) || grams < 0 || grams > MaxGramsPerKwh)
            {
                problems.Add($"line {i + 1}: '{line}' is not 'hour,gramsPerKwh' with an ISO-8601 hour and 0..{MaxGramsPerKwh} g/kWh");
                continue;
            }

            hours.Add(new CarbonHour(hour.ToUniversalTime(), grams));
        }

        if (problems.Count == 0 && hours.Count == 0)
        {
            problems.Add("no hours in the file");
        }

        hours.Sort((a, b) => a.Hour.CompareTo(b.Hour));
        return (hours, problems);
    }
}
