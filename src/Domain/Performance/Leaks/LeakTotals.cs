namespace TokenFactoryTwin.Domain.Performance.Leaks;

/// <summary>Measured against modelled for a hall or the facility: sums of its racks.</summary>
public sealed record LeakTotals(
    string Scope,
    double MeasuredTokensPerSecond,
    double ModelledTokensPerSecond,
    double? Ratio,
    double TokensLeftPerSecond,
    double UsdPerHourLeft);
