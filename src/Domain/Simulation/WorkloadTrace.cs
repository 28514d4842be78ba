using System.Globalization;

namespace TokenFactoryTwin.Domain.Simulation;

/// <summary>
/// A request trace (Azure LLM inference trace format: TIMESTAMP, ContextTokens, GeneratedTokens) turned into
/// a demand level per second: tokens requested in a smoothing window around each second, divided by the
/// busiest window, so the trace's shape drives the load and the rack's operating point sets its scale.
/// </summary>
public sealed class WorkloadTrace
{
    private WorkloadTrace(string name, IReadOnlyList<double> levels, long requests, double outputShare)
    {
        Name = name;
        Levels = levels;
        Requests = requests;
        OutputShare = outputShare;
    }

    public string Name { get; }

    /// <summary>Demand per second of the trace, from 0 to 1.</summary>
    public IReadOnlyList<double> Levels { get; }

    public long Requests { get; }

    /// <summary>Generated tokens over all tokens in the trace.</summary>
    public double OutputShare { get; }

    public static WorkloadTrace Parse(string name, TextReader csv, int smoothingSeconds = 30)
    {
        var header = csv.ReadLine() ?? throw new FormatException($"Trace '{name}' is empty.");
        if (!header.StartsWith("TIMESTAMP", StringComparison.Ordinal))
        {
            throw new FormatException($"Trace '{name}' does not start with a TIMESTAMP,ContextTokens,GeneratedTokens header.");
        }

        var perSecond = new List<double>();
        DateTime? start = null;
        long requests = 0;
        double context = 0, generated = 0;
        string? line;
        var lineNumber = 1;
        while ((line = csv.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var parts = line.Split(',');
            if (parts.Length < 3
                || !DateTime.TryParse(parts[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
                || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var ctx)
                || !double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var gen))
            {
                throw new FormatException($"Trace '{name}' line {lineNumber} is not TIMESTAMP,ContextTokens,GeneratedTokens: '{line}'.");
            }

            start ??= at;
            var second = (int)(at - start.Value).TotalSeconds;
            while (perSecond.Count <= second)
            {
                perSecond.Add(0);
            }

            perSecond[second] += ctx + gen;
            context += ctx;
            generated += gen;
            requests++;
        }

        if (perSecond.Count == 0)
        {
            throw new FormatException($"Trace '{name}' has no requests.");
        }

        var smoothed = Smooth(perSecond, smoothingSeconds);
        var peak = smoothed.Max();
        var levels = smoothed.Select(v => peak > 0 ? v / peak : 0).ToArray();
        return new WorkloadTrace(name, levels, requests, generated / Math.Max(1, context + generated));
    }

    private static double[] Smooth(List<double> values, int window)
    {
        var result = new double[values.Count];
        var sum = 0.0;
        for (var i = 0; i < values.Count; i++)
        {
            sum += values[i];
            if (i >= window)
            {
                sum -= values[i - window];
            }

            result[i] = sum / Math.Min(i + 1, window);
        }

        return result;
    }
}
