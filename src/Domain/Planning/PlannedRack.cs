using TokenFactoryTwin.Abstractions.Kpis;
using TokenFactoryTwin.Abstractions.Topology;

namespace TokenFactoryTwin.Domain.Planning;

/// <summary>
/// A rack in a scenario: where it stands, its cords and uplinks, and its figures. Existing racks carry what they
/// last reported; planned racks (<see cref="LoadLevel"/> set) carry catalog figures at that share of their
/// workload's operating point. A capped rack (<see cref="CapWPerGpu"/>) keeps its <see cref="Uncapped"/> figures, so
/// a later cap is worked out from the rack's own draw rather than from an earlier cap's.
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
    IReadOnlyList<RackUplink> Uplinks,
    double? CapWPerGpu = null,
    RackSnapshot? Uncapped = null)
{
    public bool Planned => LoadLevel is not null;

    /// <summary>The figures the rack had before any cap.</summary>
    public RackSnapshot Natural => Uncapped ?? Figures;

    /// <summary>The rack as the live twin would register it (virtual, simulated at its planned load).</summary>
    public RackSpec ToVirtualSpec() => new(
        Id, Hall, RackType, Row, Position, PowerA, PowerB,
        new TelemetrySourceSpec(TelemetrySourceKinds.Simulated, Load: new LoadCurveSpec(LoadCurveKinds.Constant, LoadLevel ?? 1)),
        Workload,
        Virtual: true);
}
