namespace TokenFactoryTwin.Abstractions.Planning;

/// <summary>
/// The answer to a flex event: the target against what the plan achieves (<see cref="Met"/> when it sheds at least the
/// target), tokens/s and revenue lost per hour and over the event, the demand-response price at which the grid's payment
/// beats the lost tokens (<see cref="BreakEvenUsdPerMWh"/>, net of the energy no longer bought under a tco cost model),
/// what a flat cut to the same target loses, the capped racks, and the shed curve.
/// </summary>
[GenerateSerializer, Immutable, Alias("tft.FlexPlan")]
public sealed record FlexPlan(
    [property: Id(0)] double Hours,
    [property: Id(1)] double FacilityPowerBeforeKw,
    [property: Id(2)] double TargetShedKw,
    [property: Id(3)] double TargetFacilityKw,
    [property: Id(4)] double AchievedShedKw,
    [property: Id(5)] double FacilityPowerDuringKw,
    [property: Id(6)] bool Met,
    [property: Id(7)] double TokensPerSecondBefore,
    [property: Id(8)] double TokensPerSecondLost,
    [property: Id(9)] double TokensLost,
    [property: Id(10)] double UsdPerMillionTokens,
    [property: Id(11)] double RevenueLostPerHourUsd,
    [property: Id(12)] double RevenueLostUsd,
    [property: Id(13)] double EnergyShedMWh,
    [property: Id(14)] double? BreakEvenUsdPerMWh,
    [property: Id(15)] double FlatTokensPerSecondLost,
    [property: Id(16)] double MaxShedKw,
    [property: Id(17)] IReadOnlyList<FlexRackCap> Racks,
    [property: Id(18)] IReadOnlyList<FlexCurvePoint> Curve,
    [property: Id(19)] IReadOnlyList<string> Notes);
