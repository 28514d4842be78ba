using TokenFactoryTwin.Abstractions.Kpis;

namespace TokenFactoryTwin.Domain.Kpis.History;

/// <summary>
/// One stored record of a series' history: the points of one stretch of time, as columns. A list of point objects
/// names every field of every point in JSON, and each time as a date; columns name them once, times as small
/// integers. A value that is not a finite number is stored as null (JSON has no NaN).
/// </summary>
public sealed class HistoryChunk
{
    /// <summary>UTC ticks every offset counts from.</summary>
    public long FromTicks { get; set; }

    /// <summary>Each point's time, in milliseconds after <see cref="FromTicks"/>.</summary>
    public List<long> OffsetsMs { get; set; } = [];

    public List<double?> TokensPerSecond { get; set; } = [];

    public List<double?> PowerKw { get; set; } = [];

    public List<double?> TokensPerSecondPerMegawatt { get; set; } = [];

    public List<double?> CostPerMillionTokensUsd { get; set; } = [];

    public static HistoryChunk Of(long fromTicks, IReadOnlyList<KpiPoint> points)
    {
        var chunk = new HistoryChunk { FromTicks = fromTicks };
        foreach (var p in points)
        {
            chunk.OffsetsMs.Add((p.AsOf.UtcTicks - fromTicks) / TimeSpan.TicksPerMillisecond);
            chunk.TokensPerSecond.Add(Finite(p.TokensPerSecond));
            chunk.PowerKw.Add(Finite(p.FacilityPowerKw));
            chunk.TokensPerSecondPerMegawatt.Add(Finite(p.TokensPerSecondPerMegawatt));
            chunk.CostPerMillionTokensUsd.Add(p.CostPerMillionTokensUsd is { } cost ? Finite(cost) : null);
        }

        return chunk;
    }

    /// <summary>The points, in stored order; none if the columns disagree in length (a damaged record is skipped, not half-read).</summary>
    public IEnumerable<KpiPoint> Points()
    {
        var n = OffsetsMs.Count;
        if (TokensPerSecond.Count != n || PowerKw.Count != n || TokensPerSecondPerMegawatt.Count != n || CostPerMillionTokensUsd.Count != n)
        {
            yield break;
        }

        for (var i = 0; i < n; i++)
        {
            yield return new KpiPoint(new DateTimeOffset(FromTicks + OffsetsMs[i] * TimeSpan.TicksPerMillisecond, TimeSpan.Zero),
                TokensPerSecond[i] ?? double.NaN, PowerKw[i] ?? double.NaN, TokensPerSecondPerMegawatt[i] ?? double.NaN, CostPerMillionTokensUsd[i]);
        }
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
