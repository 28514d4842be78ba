namespace TokenFactoryTwin.Domain.Kpis.History;

/// <summary>A stretch of time a series holds no points for: between the last point before it and the first after.</summary>
public sealed record KpiGap(DateTimeOffset From, DateTimeOffset To)
{
    public TimeSpan Length => To - From;
}
