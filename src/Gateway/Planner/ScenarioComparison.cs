using TokenFactoryTwin.Abstractions.Kpis;
using TokenFactoryTwin.Abstractions.Planning;

namespace TokenFactoryTwin.Gateway.Planner;

/// <summary>One column of <c>GET /api/scenarios/compare</c>.</summary>
public sealed record ScenarioComparison(
    string Id,
    string Name,
    long Version,
    DateTimeOffset BaselineTakenAt,
    int Changes,
    TwinKpis Baseline,
    TwinKpis Projected,
    KpiDelta Delta,
    bool ConstraintsOk,
    IReadOnlyList<string> Violations);
