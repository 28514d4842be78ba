namespace TokenFactoryTwin.Domain.Performance.Leaks;

/// <summary>Where the denominator leaks: the facility, each hall and each rack, measured against modelled.</summary>
public sealed record LeakReport(LeakTotals Facility, IReadOnlyList<LeakTotals> Halls, IReadOnlyList<RackLeak> Racks);
