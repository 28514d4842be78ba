namespace TokenFactoryTwin.Abstractions.Topology;

/// <summary>
/// Where a rack's telemetry comes from: <c>simulated</c> (the rack generates its own samples from its
/// hardware, workload and load curve, deterministic per <see cref="Seed"/>) or <c>live</c> (samples arrive
/// through the gateway from the listed hosts).
/// </summary>
[GenerateSerializer, Immutable, Alias("tft.TelemetrySourceSpec")]
public sealed record TelemetrySourceSpec(
    [property: Id(0)] string Kind = TelemetrySourceKinds.Simulated,
    [property: Id(1)] IReadOnlyList<HostSpec>? Hosts = null,
    [property: Id(2)] LoadCurveSpec? Load = null,
    [property: Id(3)] int? Seed = null);
