namespace TokenFactoryTwin.Abstractions.Kpis;

/// <summary>Where a facility power figure comes from.</summary>
public static class PowerSources
{
    /// <summary>IT power (measured GPUs plus the catalog's estimate for the rest of each rack) times each hall's PUE.</summary>
    public const string Model = "model";

    /// <summary>A facility meter's reading.</summary>
    public const string Meter = "meter";
}
