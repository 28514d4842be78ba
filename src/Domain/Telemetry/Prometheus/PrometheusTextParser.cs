using System.Globalization;
using TokenFactoryTwin.Domain.Telemetry.Mapping;

namespace TokenFactoryTwin.Domain.Telemetry.Prometheus;

/// <summary>
/// Reads the Prometheus text exposition format (version 0.0.4) as real exporters serve it: HELP/TYPE optional,
/// histogram parts in any order, scientific notation, <c>+Inf</c>/<c>NaN</c>, optional millisecond timestamps,
/// a body cut off mid-line. It works on spans, one pass, no regular expressions; a series whose name the
/// caller does not want is skipped before any of it is allocated. Lines it cannot read become
/// <see cref="ParseIssue"/>s and the rest of the body is still read.
/// </summary>
public static class PrometheusTextParser
{
    public const int MaxIssues = 100;

    /// <param name="wanted">Which series names to keep; null keeps every series.</param>
    public static int Parse(ReadOnlySpan<char> text, Func<string, bool>? wantedName, List<MetricPoint> points, List<ParseIssue> issues) =>
        Parse(text, wantedName is null ? null : new WantedByName(wantedName), points, issues);

    /// <summary>Keeps only series the twin maps (<see cref="MetricNames"/>).</summary>
    public static int ParseKnown(ReadOnlySpan<char> text, List<MetricPoint> points, List<ParseIssue> issues) =>
        Parse(text, KnownNames.Instance, points, issues);

    /// <summary>Keeps the series the twin maps plus <paramref name="extra"/> (configured meter names).</summary>
    public static int ParseKnown(ReadOnlySpan<char> text, HashSet<string> extra, List<MetricPoint> points, List<ParseIssue> issues) =>
        Parse(text, extra.Count == 0 ? KnownNames.Instance : new KnownAndExtra(extra), points, issues);

    /// <returns>The number of sample lines seen (kept, skipped or malformed).</returns>
    private static int Parse(ReadOnlySpan<char> text, INameFilter? filter, List<MetricPoint> points, List<ParseIssue> issues)
    {
        var lineNo = 0;
        var samples = 0;
        while (!text.IsEmpty)
        {
            var end = text.IndexOf('\n');
            var line = end < 0 ? text : text[..end];
            text = end < 0 ? [] : text[(end + 1)..];
            lineNo++;
            if (!line.IsEmpty && line[^1] == '\r')
            {
                line = line[..^1];
            }

            line = line.TrimStart(" \t");
            if (line.IsEmpty || line[0] == '#')
            {
                continue;
            }

            samples++;
            var problem = ParseLine(line, lineNo, filter, points);
            if (problem is not null && issues.Count < MaxIssues)
            {
                issues.Add(new ParseIssue(lineNo, problem));
            }
        }

        return samples;
    }

    private static string? ParseLine(ReadOnlySpan<char> line, int lineNo, INameFilter? filter, List<MetricPoint> points)
    {
        var nameEnd = line.IndexOfAny('{', ' ', '\t');
        var name = nameEnd < 0 ? line : line[..nameEnd];
        if (filter is not null && !filter.Wants(name))
        {
            return null;
        }

        if (name.IsEmpty || !IsNameStart(name[0]) || !IsName(name))
        {
            return $"'{Clip(line)}' does not start with a metric name";
        }

        if (nameEnd < 0)
        {
            return $"{name.ToString()} has no value";
        }

        var rest = line[nameEnd..];
        KeyValuePair<string, string>[] labels = [];
        if (rest[0] == '{')
        {
            var problem = ParseLabels(ref rest, out labels);
            if (problem is not null)
            {
                return $"{name.ToString()}: {problem}";
            }
        }

        rest = rest.TrimStart(" \t");
        var valueEnd = rest.IndexOfAny(' ', '\t');
        var valueText = valueEnd < 0 ? rest : rest[..valueEnd];
        if (valueText.IsEmpty)
        {
            return $"{name.ToString()} has no value";
        }

        if (!TryParseValue(valueText, out var value))
        {
            return $"{name.ToString()}: value '{Clip(valueEnd < 0 ? valueText : rest)}' is not a number";
        }

        long? timestamp = null;
        if (valueEnd >= 0)
        {
            var tsText = rest[valueEnd..].Trim(" \t");
            if (!tsText.IsEmpty)
            {
                if (!long.TryParse(tsText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ts))
                {
                    return $"{name.ToString()}: timestamp '{Clip(tsText)}' is not whole milliseconds";
                }

                timestamp = ts;
            }
        }

        points.Add(new MetricPoint(name.ToString(), labels, value, timestamp, lineNo));
        return null;
    }

    private static string? ParseLabels(ref ReadOnlySpan<char> rest, out KeyValuePair<string, string>[] labels)
    {
        labels = [];
        List<KeyValuePair<string, string>>? list = null;
        var i = 1;
        while (true)
        {
            while (i < rest.Length && (rest[i] == ' ' || rest[i] == '\t' || rest[i] == ','))
            {
                i++;
            }

            if (i >= rest.Length)
            {
                return "label set is not closed";
            }

            if (rest[i] == '}')
            {
                i++;
                break;
            }

            var eq = rest[i..].IndexOf('=');
            if (eq <= 0)
            {
                return "a label has no '='";
            }

            var key = rest.Slice(i, eq).Trim(" \t");
            if (!IsName(key))
            {
                return $"'{Clip(key)}' is not a label name";
            }

            i += eq + 1;
            while (i < rest.Length && rest[i] == ' ')
            {
                i++;
            }

            if (i >= rest.Length || rest[i] != '"')
            {
                return $"label {key.ToString()} has no quoted value";
            }

            i++;
            var start = i;
            var escaped = false;
            while (i < rest.Length && rest[i] != '"')
            {
                if (rest[i] == '\\')
                {
                    escaped = true;
                    i++;
                }

                i++;
            }

            if (i >= rest.Length)
            {
                return $"label {key.ToString()} value is not closed";
            }

            var raw = rest[start..i];
            (list ??= []).Add(new(key.ToString(), escaped ? Unescape(raw) : raw.ToString()));
            i++;
        }

        rest = rest[i..];
        labels = list?.ToArray() ?? [];
        return null;
    }

    private static bool TryParseValue(ReadOnlySpan<char> text, out double value)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        if (text is "+Inf" or "Inf" or "+inf" or "inf")
        {
            value = double.PositiveInfinity;
            return true;
        }

        if (text is "-Inf" or "-inf")
        {
            value = double.NegativeInfinity;
            return true;
        }

        return false;
    }

    private static string Unescape(ReadOnlySpan<char> raw)
    {
        var chars = new char[raw.Length];
        var n = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '\\' && i + 1 < raw.Length)
            {
                i++;
                chars[n++] = raw[i] == 'n' ? '\n' : raw[i];
            }
            else
            {
                chars[n++] = raw[i];
            }
        }

        return new string(chars, 0, n);
    }

    private static bool IsNameStart(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_' or ':';

    private static bool IsName(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!IsNameStart(c) && c is not (>= '0' and <= '9'))
            {
                return false;
            }
        }

        return true;
    }

    private static string Clip(ReadOnlySpan<char> text) => text.Length <= 60 ? text.ToString() : $"{text[..60]}…";

    private interface INameFilter
    {
        bool Wants(ReadOnlySpan<char> name);
    }

    private sealed class KnownNames : INameFilter
    {
        public static readonly KnownNames Instance = new();

        public bool Wants(ReadOnlySpan<char> name) => MetricNames.IsKnown(name);
    }

    private sealed class KnownAndExtra(HashSet<string> extra) : INameFilter
    {
        private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _extra = extra.GetAlternateLookup<ReadOnlySpan<char>>();

        public bool Wants(ReadOnlySpan<char> name) => MetricNames.IsKnown(name) || _extra.Contains(name);
    }

    private sealed class WantedByName(Func<string, bool> wanted) : INameFilter
    {
        public bool Wants(ReadOnlySpan<char> name) => wanted(name.ToString());
    }
}
