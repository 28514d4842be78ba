using TokenFactoryTwin.Abstractions.Kpis;
using TokenFactoryTwin.Abstractions.Planning;

namespace TokenFactoryTwin.Gateway.Planner;

/// <summary>
/// One column of <c>GET /api/scenarios/compare</c>; energy and carbon per token at the grid intensity the facility file
/// gives for the moment the baseline was taken.
/// </summary>
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
    IReadOnlyList<string> Violations,
    double? BaselineJoulesPerToken = null,
    double? ProjectedJoulesPerToken = null,
    double? BaselineGramsCo2PerMillionTokens = null,
    double? ProjectedGramsCo2PerMillionTokens = null);
