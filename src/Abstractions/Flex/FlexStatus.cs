using TokenFactoryTwin.Abstractions.Planning;

namespace TokenFactoryTwin.Abstractions.Flex;

/// <summary>
/// A live flex event: what was asked, when it started and ends, the facility's power and tokens/s just before it, the
/// plan the twin follows, and now: measured facility power against the target and tokens/s lost against the baseline.
/// </summary>
[GenerateSerializer, Immutable, Alias("tft.FlexStatus")]
public sealed record FlexStatus(
    [property: Id(0)] FlexEventChange Request,
    [property: Id(1)] DateTimeOffset StartedAt,
    [property: Id(2)] DateTimeOffset EndsAt,
    [property: Id(3)] double BaselineFacilityPowerKw,
    [property: Id(4)] double BaselineTokensPerSecond,
    [property: Id(5)] double TargetFacilityPowerKw,
    [property: Id(6)] double MeasuredFacilityPowerKw,
    [property: Id(7)] double TokensPerSecondNow,
    [property: Id(8)] double TokensPerSecondLost,
    [property: Id(9)] FlexPlan Plan,
    [property: Id(10)] IReadOnlyList<string> LiveRacks);
