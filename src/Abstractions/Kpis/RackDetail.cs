using TokenFactoryTwin.Abstractions.Topology;

namespace TokenFactoryTwin.Abstractions.Kpis;

/// <summary>A rack's drill-down: its spec, its latest totals, its GPUs and its recent history.</summary>
[GenerateSerializer, Immutable, Alias("tft.RackDetail")]
public sealed record RackDetail(
    [property: Id(0)] RackSpec Spec,
    [property: Id(1)] RackSnapshot Snapshot,
    [property: Id(2)] IReadOnlyList<GpuStatus> GpuStatuses,
    [property: Id(3)] IReadOnlyList<KpiPoint> Recent,
    [property: Id(4)] IReadOnlyList<string> Links);
