using TokenFactoryTwin.Abstractions.Kpis;

namespace TokenFactoryTwin.Gateway.Twin;

/// <summary>
/// Everything the live view shows, read from the twin once per second by <see cref="FacilityFeed"/>.
/// <see cref="Stale"/> is set when the latest read failed and these are the last figures the gateway had.
/// </summary>
public sealed record FacilityView(
    DateTimeOffset ReadAt,
    bool Stale,
    TwinKpis Facility,
    IReadOnlyList<TwinKpis> Halls,
    IReadOnlyList<RackView> Racks,
    IReadOnlyList<PowerNodeStatus> Power,
    IReadOnlyList<NetworkLinkStatus> Links,
    FacilityWorkloads? Workloads = null);
