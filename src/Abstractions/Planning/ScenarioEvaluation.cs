using TokenFactoryTwin.Abstractions.Kpis;

namespace TokenFactoryTwin.Abstractions.Planning;

/// <summary>
/// What a scenario does: the baseline and projected KPIs (the fields of <c>/api/facility</c>), their delta, the
/// projected constraints, the violations in a planner's words, the assumptions the projection rests on, and the plan
/// of each flex event among the changes (<see cref="Flex"/>, in change order).
/// </summary>
[GenerateSerializer, Immutable, Alias("tft.ScenarioEvaluation")]
public sealed record ScenarioEvaluation(
    [property: Id(0)] TwinKpis Baseline,
    [property: Id(1)] TwinKpis Projected,
    [property: Id(2)] KpiDelta Delta,
    [property: Id(3)] ScenarioConstraints Constraints,
    [property: Id(4)] IReadOnlyList<string> Violations,
    [property: Id(5)] IReadOnlyList<string> Notes,
    [property: Id(6)] IReadOnlyList<TwinKpis> ProjectedHalls,
    [property: Id(7)] IReadOnlyList<FlexPlan>? Flex = null);
