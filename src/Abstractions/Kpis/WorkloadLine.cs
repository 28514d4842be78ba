namespace TokenFactoryTwin.Abstractions.Kpis;

/// <summary>
/// The additive figures of one tenant or one model over a set of GPUs (a rack's, a hall's): how many GPUs serve it
/// now, the tokens they produce and the IT power they draw (their own plus their share of the rest of the rack).
/// <see cref="Names"/> counts the tenants or models the line stands for: 1, or more for the line that folds the
/// smallest together when there are too many to list.
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("tft.WorkloadLine")]
public sealed record WorkloadLine(
    [property: Id(0)] string Name,
    [property: Id(1)] int Gpus,
    [property: Id(2)] double TokensPerSecond,
    [property: Id(3)] double OutputTokensPerSecond,
    [property: Id(4)] double ItPowerKw,
    [property: Id(5)] int Names = 1);
