namespace TokenFactoryTwin.Domain.Simulation;

/// <summary>A day-shaped curve: a cosine between <paramref name="min"/> and <paramref name="max"/>, highest at <paramref name="peakHourUtc"/>.</summary>
public sealed class DiurnalLoadCurve(double min, double max, double peakHourUtc) : ILoadCurve
{
    public double LevelAt(DateTimeOffset at)
    {
        var hour = at.UtcDateTime.TimeOfDay.TotalHours;
        var phase = 2 * Math.PI * (hour - peakHourUtc) / 24;
        return min + (max - min) * (0.5 + 0.5 * Math.Cos(phase));
    }
}
