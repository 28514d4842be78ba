using TokenFactoryTwin.Abstractions.Telemetry;

namespace TokenFactoryTwin.Domain.Telemetry.Mapping;

/// <summary>A GPU's readings as its exporter names it: the host and the exporter's own GPU index (in <see cref="Sample"/>).</summary>
public sealed record HostedSample(string Host, GpuSample Sample);
