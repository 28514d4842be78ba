namespace TokenFactoryTwin.Abstractions.Topology;

/// <summary>
/// The twin's clock: children push a snapshot at most once per <see cref="FlushPeriod"/>; a child silent for
/// <see cref="StalePeriods"/> periods is marked stale.
/// </summary>
[GenerateSerializer, Immutable, Alias("tft.TwinTiming")]
public sealed record TwinTiming(
    [property: Id(0)] TimeSpan FlushPeriod,
    [property: Id(1)] int StalePeriods = 5)
{
    public static TwinTiming Default { get; } = new(TimeSpan.FromSeconds(1));

    public TimeSpan StaleAfter => FlushPeriod * StalePeriods;
}
