namespace TokenFactoryTwin.Abstractions.Planning;

/// <summary>
/// One point of the shed curve: tokens/s lost for <see cref="ShedMw"/> of facility power shed, by the optimised plan
/// (null beyond what it can shed within the floors) and by a flat cut of every GPU to the same share of its draw.
/// </summary>
[GenerateSerializer, Immutable, Alias("tft.FlexCurvePoint")]
public sealed record FlexCurvePoint(
    [property: Id(0)] double ShedMw,
    [property: Id(1)] double? OptimisedTokensPerSecondLost,
    [property: Id(2)] double FlatTokensPerSecondLost);
