namespace TokenFactoryTwin.Abstractions.Kpis;

/// <summary>
/// The token-factory figures of a facility or a hall. Tokens count input plus output. Two denominators:
/// measured facility power (IT × PUE, or a facility meter where one reports: <see cref="PowerSource"/>) and
/// provisioned all-in power (GPUs × all-in kW per GPU). <see cref="SamplesAsOf"/> is the time of the oldest sample
/// the measured figures include: <see cref="AsOf"/> minus it is how old the figures were when computed.
/// </summary>
[GenerateSerializer, Immutable, Alias("tft.TwinKpis")]
public sealed record TwinKpis(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] DateTimeOffset AsOf,
    [property: Id(3)] int Racks,
    [property: Id(4)] int Gpus,
    [property: Id(5)] int GpusReporting,
    [property: Id(6)] double TokensPerSecond,
    [property: Id(7)] double OutputTokensPerSecond,
    [property: Id(8)] double ItPowerKw,
    [property: Id(9)] double FacilityPowerKw,
    [property: Id(10)] double ProvisionedPowerKw,
    [property: Id(11)] double Pue,
    [property: Id(12)] double TokensPerSecondPerMegawatt,
    [property: Id(13)] double TokensPerSecondPerProvisionedMegawatt,
    [property: Id(14)] double CostPerHourUsd,
    [property: Id(15)] double? CostPerMillionTokensUsd,
    [property: Id(16)] int StaleRacks,
    [property: Id(17)] int VirtualRacks,
    [property: Id(18)] bool Stale,
    [property: Id(19)] string PowerSource = PowerSources.Model,
    [property: Id(20)] DateTimeOffset? SamplesAsOf = null);
