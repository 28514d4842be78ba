namespace TokenFactoryTwin.Abstractions.Telemetry;

/// <summary>
/// What Kubernetes runs on a GPU, as dcgm-exporter labels it: the tenant (<c>namespace</c>), the <c>pod</c> and the
/// <c>container</c>. Labels change when pods are scheduled, not per sample, so this travels only when it changes (and
/// on a slow refresh), never in the packed samples.
/// </summary>
[GenerateSerializer, Immutable, Alias("tft.GpuWorkload")]
public sealed record GpuWorkload(
    [property: Id(0)] string Tenant,
    [property: Id(1)] string? Pod = null,
    [property: Id(2)] string? Container = null);
