using System.Globalization;
using TokenFactoryTwin.Abstractions.Telemetry;
using TokenFactoryTwin.Domain.Telemetry.Mapping;

namespace TokenFactoryTwin.Domain.Telemetry.Prometheus;

/// <summary>
/// Reads the Prometheus text exposition format (version 0.0.4) as real exporters serve it: HELP/TYPE optional,
/// histogram parts in any order, scientific notation, <c>+Inf</c>/<c>NaN</c>, optional millisecond timestamps,
/// a body cut off mid-line. It works on spans, one pass, no regular expressions; a series whose name is not wanted
/// is skipped before any of it is allocated, and a series the twin maps goes to the <see cref="TelemetryMapper"/>
/// with only the labels it reads. Lines it cannot read are refused with their number and the rest is still read.
/// </summary>
public static class PrometheusTextParser
{
    public const int MaxIssues = MappedTelemetry.MaxIssues;

    /// <summary>
    /// The ingest road: series the twin maps go straight into <paramref name="mapper"/>; series named in
    /// <paramref name="meterNames"/> (configured meters and switch ports) become points for the meter mapper;
    /// the rest are ignored.
    /// </summary>
    public static PrometheusLineCounts Parse(ReadOnlySpan<char> text, TelemetryMapper mapper, HashSet<string> meterNames, List<MetricPoint> meterPoints)
    {
        var meters = meterNames.GetAlternateLookup<ReadOnlySpan<char>>();
        var counts = default(PrometheusLineCounts);
        var lineNo = 0;
        while (NextSample(ref text, ref lineNo, out var line))
        {
            counts.Lines++;
            var name = NameOf(line);
            var isMapped = MetricNames.TryGet(name, out var reading);
            var isMetered = meterNames.Count > 0 && meters.Contains(name);
            if (!isMapped && !isMetered)
            {
                mapper.Ignore();
                continue;
            }

            string? problem = null;
            if (isMapped)
            {
                scoped var labels = default(SeriesLabels);
                problem = ReadSeries(line, ref labels, out var value, out var timestamp);
                if (problem is null)
                {
                    counts.Mapped++;
                    mapper.Map(reading, name, labels, value, timestamp, lineNo);
                }
            }

            // A configured meter may also be a series the twin maps: it then goes to both.
            if (isMetered && problem is null)
            {
                problem = ReadPoint(line, lineNo, meterPoints);
                counts.Metered += problem is null ? 1 : 0;
            }

            if (problem is not null)
            {
                counts.Malformed++;
                mapper.Refuse(lineNo, problem);
            }
        }

        return counts;
    }

    /// <summary>Every series (or those <paramref name="wantedName"/> keeps) as points with all their labels: for tools and tests.</summary>
    /// <returns>The number of sample lines seen (kept, skipped or malformed).</returns>
    public static int Parse(ReadOnlySpan<char> text, Func<string, bool>? wantedName, List<MetricPoint> points, List<ParseIssue> issues)
    {
        var lines = 0;
        var lineNo = 0;
        while (NextSample(ref text, ref lineNo, out var line))
        {
            lines++;
            if (wantedName is not null && !wantedName(NameOf(line).ToString()))
            {
                continue;
            }

            if (ReadPoint(line, lineNo, points) is { } problem && issues.Count < MaxIssues)
            {
                issues.Add(new ParseIssue(lineNo, problem));
            }
        }

        return lines;
    }

    /// <summary>The next line holding a sample: comments and blank lines are passed over, CR and leading blanks dropped.</summary>
    private static bool NextSample(ref ReadOnlySpan<char> text, ref int lineNo, out ReadOnlySpan<char> line)
    {
        while (!text.IsEmpty)
        {
            var end = text.IndexOf('\n');
            line = end < 0 ? text : text[..end];
            text = end < 0 ? [] : text[(end + 1)..];
            lineNo++;
            if (!line.IsEmpty && line[^1] == '\r')
            {
                line = line[..^1];
            }

            line = line.TrimStart(" \t");
            if (!line.IsEmpty && line[0] != '#')
            {
                return true;
            }
        }

        line = default;
        return false;
    }

    private static ReadOnlySpan<char> NameOf(ReadOnlySpan<char> line) => line.IndexOfAny('{', ' ', '\t') is var end and >= 0 ? line[..end] : line;

    private static string? ReadPoint(ReadOnlySpan<char> line, int lineNo, List<MetricPoint> points)
    {
        var labels = new LabelList();
        var problem = ReadSeries(line, ref labels, out var value, out var timestamp);
        if (problem is null)
        {
            points.Add(new MetricPoint(NameOf(line).ToString(), labels.ToArray(), value, timestamp, lineNo));
        }

        return problem;
    }

    /// <summary>Reads one sample line, offering its labels to <paramref name="labels"/>; null when it reads, else why not.</summary>
    private static string? ReadSeries<TLabels>(ReadOnlySpan<char> line, ref TLabels labels, out double value, out long? timestamp)
        where TLabels : ILabelSink, allows ref struct
    {
        value = 0;
        timestamp = null;
        var name = NameOf(line);
        if (name.IsEmpty || !IsNameStart(name[0]) || !IsName(name))
        {
            return $"'{Clip(line)}' does not start with a metric name";
        }

        if (name.Length == line.Length)
        {
            return $"{name.ToString()} has no value";
        }

        var rest = line[name.Length..];
        if (rest[0] == '{')
        {
            var problem = ParseLabels(ref rest, ref labels);
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

        if (!TryParseValue(valueText, out value))
        {
            return $"{name.ToString()}: value '{Clip(valueEnd < 0 ? valueText : rest)}' is not a number";
        }

        if (valueEnd >= 0)
        {
            var tsText = rest[valueEnd..].Trim(" \t");
            if (!tsText.IsEmpty)
            {
                if (!long.TryParse(tsText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ts))
                {
                    return $"{name.ToString()}: timestamp '{Clip(tsText)}' is not whole milliseconds";
                }

                if (!UnixMilliseconds.IsDate(ts))
                {
                    return $"{name.ToString()}: {UnixMilliseconds.NotADate(ts)}";
                }

                timestamp = ts;
            }
        }

        return null;
    }

    private static string? ParseLabels<TLabels>(ref ReadOnlySpan<char> rest, ref TLabels labels)
        where TLabels : ILabelSink, allows ref struct
    {
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
            labels.Offer(key, escaped ? Unescape(raw) : raw);
            i++;
        }

        rest = rest[i..];
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

    /// <summary>Every label of a series, for <see cref="MetricPoint"/>s.</summary>
    private struct LabelList : ILabelSink
    {
        private List<KeyValuePair<string, string>>? _labels;

        public void Offer(ReadOnlySpan<char> key, ReadOnlySpan<char> value) => (_labels ??= []).Add(new(key.ToString(), value.ToString()));

        public readonly KeyValuePair<string, string>[] ToArray() => _labels?.ToArray() ?? [];
    }
}
