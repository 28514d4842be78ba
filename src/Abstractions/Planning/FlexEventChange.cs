namespace TokenFactoryTwin.Abstractions.Planning;

/// <summary>
/// A grid flexibility event: shed <see cref="ShedKw"/> of facility power, or hold the facility at or below
/// <see cref="CapKw"/> (give one), for <see cref="Hours"/>. The planner caps GPUs where a watt costs the fewest tokens,
/// lower <see cref="FlexPriority.Priority"/> first, never taking a workload below its interactivity floor. Tokens are
/// valued at <see cref="UsdPerMillionTokens"/> (else at the facility's cost per million tokens). The event changes
/// nothing the later changes see: it is evaluated against the scenario as it stands at that point.
/// </summary>
[GenerateSerializer, Immutable, Alias("tft.FlexEventChange")]
public sealed record FlexEventChange(
    [property: Id(0)] double? ShedKw = null,
    [property: Id(1)] double? CapKw = null,
    [property: Id(2)] double Hours = 1,
    [property: Id(3)] IReadOnlyList<FlexPriority>? Priorities = null,
    [property: Id(4)] double? UsdPerMillionTokens = null) : ScenarioChange;
