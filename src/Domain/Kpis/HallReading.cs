using TokenFactoryTwin.Abstractions.Kpis;
using TokenFactoryTwin.Abstractions.Topology;

namespace TokenFactoryTwin.Domain.Kpis;

/// <summary>A hall as the facility holds it: its spec, its newest snapshot (null until one arrives) and whether that is stale.</summary>
public sealed record HallReading(HallSpec Spec, HallSnapshot? Snapshot, bool Stale);
