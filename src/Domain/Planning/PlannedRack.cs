using TokenFactoryTwin.Abstractions.Kpis;
using TokenFactoryTwin.Abstractions.Topology;

namespace TokenFactoryTwin.Domain.Planning;

/// <summary>
/// A rack in a scenario: where it stands, its cords and uplinks, and its figures. Existing racks carry what they
/// last reported; planned racks (<see cref="LoadLevel"/> set) carry catalog figures at that share of their
/// workload's operating point.
/// </summary>
public sealed record PlannedRack(
    string Id,
    string Hall,
    string RackType,
    int Row,
    int Position,
    string PowerA,
    string? PowerB,
    WorkloadSpec? Workload,
    double? LoadLevel,
    RackSnapshot Figures,
    IReadOnlyList<RackUplink> Uplinks)
{
    public bool Planned => LoadLevel is not null;

    /// <summary>The rack as the live twin would register it (virtual, simulated at its planned load).</summary>
    public RackSpec ToVirtualSpec() => new(
        Id, Hall, RackType, Row, Position, PowerA, PowerB,
        new TelemetrySourceSpec(TelemetrySourceKinds.Simulated, Load: new LoadCurveSpec(LoadCurveKinds.Constant, LoadLevel ?? 1)),
        Workload,
        Virtual: true);
}
