namespace TokenFactoryTwin.Abstractions.Kpis;

/// <summary>One point of the facility's rolling window, for charts.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("tft.KpiPoint")]
public sealed record KpiPoint(
    [property: Id(0)] DateTimeOffset AsOf,
    [property: Id(1)] double TokensPerSecond,
    [property: Id(2)] double FacilityPowerKw,
    [property: Id(3)] double TokensPerSecondPerMegawatt,
    [property: Id(4)] double? CostPerMillionTokensUsd);
