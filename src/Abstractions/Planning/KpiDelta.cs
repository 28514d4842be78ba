namespace TokenFactoryTwin.Abstractions.Planning;

/// <summary>Projected minus baseline, field by field; cost per million tokens is null when either side produces nothing.</summary>
[GenerateSerializer, Immutable, Alias("tft.KpiDelta")]
public sealed record KpiDelta(
    [property: Id(0)] int Racks,
    [property: Id(1)] int Gpus,
    [property: Id(2)] double TokensPerSecond,
    [property: Id(3)] double ItPowerKw,
    [property: Id(4)] double FacilityPowerKw,
    [property: Id(5)] double ProvisionedPowerKw,
    [property: Id(6)] double TokensPerSecondPerMegawatt,
    [property: Id(7)] double TokensPerSecondPerProvisionedMegawatt,
    [property: Id(8)] double CostPerHourUsd,
    [property: Id(9)] double? CostPerMillionTokensUsd);
