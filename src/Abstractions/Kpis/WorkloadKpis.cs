namespace TokenFactoryTwin.Abstractions.Kpis;

/// <summary>
/// One tenant's or one model's figures in a hall or the facility, priced: its GPUs, tokens/s, power (IT, and
/// facility power at the hall's PUE), its share of the scope's power and tokens, and its cost — the GPU-hours it holds
/// plus, under an owner's TCO, the energy it draws — per hour and per million tokens (null when it produces none).
/// </summary>
[GenerateSerializer, Immutable, Alias("tft.WorkloadKpis")]
public sealed record WorkloadKpis(
    [property: Id(0)] string Name,
    [property: Id(1)] int Gpus,
    [property: Id(2)] double TokensPerSecond,
    [property: Id(3)] double OutputTokensPerSecond,
    [property: Id(4)] double ItPowerKw,
    [property: Id(5)] double FacilityPowerKw,
    [property: Id(6)] double PowerShare,
    [property: Id(7)] double TokenShare,
    [property: Id(8)] double CostPerHourUsd,
    [property: Id(9)] double? CostPerMillionTokensUsd,
    [property: Id(10)] int Names = 1);
