namespace TokenFactoryTwin.Abstractions.Kpis;

/// <summary>
/// The additive part of a set of racks' figures: what a hall sums from its racks and a facility from its
/// halls. Ratios (tokens per MW, cost per token, PUE) are derived from these, never summed.
/// Stale racks count in <see cref="Racks"/>, <see cref="Gpus"/>, provisioned power and cost (idle or silent
/// GPUs still cost money) but not in the measured flows (tokens, power), which cover reporting racks only.
/// <see cref="SamplesAsOf"/> is the time of the oldest sample in those flows: how old the figures are.
/// </summary>
[GenerateSerializer, Immutable, Alias("tft.KpiTotals")]
public sealed record KpiTotals(
    [property: Id(0)] int Racks,
    [property: Id(1)] int Gpus,
    [property: Id(2)] int GpusReporting,
    [property: Id(3)] int StaleRacks,
    [property: Id(4)] int VirtualRacks,
    [property: Id(5)] double TokensPerSecond,
    [property: Id(6)] double OutputTokensPerSecond,
    [property: Id(7)] double ItPowerKw,
    [property: Id(8)] double FacilityPowerKw,
    [property: Id(9)] double ProvisionedPowerKw,
    [property: Id(10)] IReadOnlyDictionary<string, int> GpusByType,
    [property: Id(11)] IReadOnlyDictionary<string, int> RacksByType,
    [property: Id(12)] DateTimeOffset? SamplesAsOf = null)
{
    public static KpiTotals Zero { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        new Dictionary<string, int>(), new Dictionary<string, int>());
}
