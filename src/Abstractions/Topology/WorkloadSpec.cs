namespace TokenFactoryTwin.Abstractions.Topology;

/// <summary>
/// What a rack serves: a model from the catalog and the operating point it runs at. Either name a published point or
/// curve (<see cref="OperatingPoint"/>), or describe the service — <see cref="Interactivity"/> (tokens/s per user),
/// <see cref="Precision"/> (bf16, fp8, fp4), input and output tokens per request, speculative decoding (MTP) — and
/// the twin takes the published curve that matches it, or else the throughput model's best configuration.
/// </summary>
[GenerateSerializer, Immutable, Alias("tft.WorkloadSpec")]
public sealed record WorkloadSpec(
    [property: Id(0)] string Model,
    [property: Id(1)] string? OperatingPoint = null,
    [property: Id(2)] double? Interactivity = null,
    [property: Id(3)] string? Precision = null,
    [property: Id(4)] int? InputTokens = null,
    [property: Id(5)] int? OutputTokens = null,
    [property: Id(6)] bool? Mtp = null)
{
    /// <summary>True when the workload says more than its model and interactivity, so only a matching published curve counts.</summary>
    public bool DescribesService => Precision is not null || InputTokens is not null || OutputTokens is not null || Mtp is not null;
}
