namespace TokenFactoryTwin.Abstractions.Planning;

/// <summary>The scenario with <see cref="Added"/> more racks: its economics, its tightest N+1 margin, what broke.</summary>
[GenerateSerializer, Immutable, Alias("tft.FitStep")]
public sealed record FitStep(
    [property: Id(0)] int Added,
    [property: Id(1)] string? Rack,
    [property: Id(2)] string? PowerA,
    [property: Id(3)] string? PowerB,
    [property: Id(4)] int Gpus,
    [property: Id(5)] double TokensPerSecond,
    [property: Id(6)] double FacilityPowerKw,
    [property: Id(7)] double TokensPerSecondPerMegawatt,
    [property: Id(8)] double TokensPerSecondPerProvisionedMegawatt,
    [property: Id(9)] double? CostPerMillionTokensUsd,
    [property: Id(10)] double MinHeadroomIfPartnerLostKw,
    [property: Id(11)] bool Ok,
    [property: Id(12)] IReadOnlyList<string> Violations);
