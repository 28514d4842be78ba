using TokenFactoryTwin.Abstractions.Topology;

namespace TokenFactoryTwin.Domain.Facilities;

/// <summary>
/// Whether a rack is being told what it already holds. Records compare their lists (links, hosts) by reference, and
/// a configuration read back from storage never shares a list with the one the facility sends, so this compares
/// them by value. It replaces serialising both to JSON per rack, which cost more than the rest of a restart's check.
/// </summary>
public static class RackConfigs
{
    public static bool Same(RackConfig a, RackConfig b) =>
        a.FacilityId == b.FacilityId
        && a.Profile == b.Profile
        && a.Timing == b.Timing
        && SameItems(a.Links, b.Links)
        && Same(a.Spec, b.Spec);

    /// <summary>Whether both list the same hosts with the same GPUs, in the same order (which sets their slots).</summary>
    public static bool SameHosts(RackConfig a, RackConfig b) =>
        a.Spec.Source?.Kind == b.Spec.Source?.Kind && SameItems(a.Spec.Source?.Hosts, b.Spec.Source?.Hosts);

    private static bool Same(RackSpec a, RackSpec b) =>
        a with { Source = b.Source } == b && Same(a.Source, b.Source);

    private static bool Same(TelemetrySourceSpec? a, TelemetrySourceSpec? b) =>
        a is null || b is null
            ? a is null && b is null
            : a with { Hosts = b.Hosts } == b && SameItems(a.Hosts, b.Hosts);

    private static bool SameItems<T>(IReadOnlyList<T>? a, IReadOnlyList<T>? b) =>
        a is null || b is null ? a is null && b is null : a.SequenceEqual(b);
}
