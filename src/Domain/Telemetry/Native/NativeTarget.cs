using TokenFactoryTwin.Abstractions.Telemetry;

namespace TokenFactoryTwin.Domain.Telemetry.Native;

/// <summary>
/// A native sample resolved to where it goes: a rack slot (when addressed by twin GPU id) or a host's exporter
/// index (resolved by that host's mapping). <see cref="Index"/> is its position in the request, for error reports.
/// </summary>
public sealed record NativeTarget(int Index, string? RackId, string? Host, GpuSample Sample);
