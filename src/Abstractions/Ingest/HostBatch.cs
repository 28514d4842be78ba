using TokenFactoryTwin.Abstractions.Telemetry;

namespace TokenFactoryTwin.Abstractions.Ingest;

/// <summary>One host's part of a call that carries several hosts' batches: what <see cref="Grains.IHostGrain.Ingest"/> takes.</summary>
[GenerateSerializer, Immutable, Alias("tft.HostBatch")]
public sealed record HostBatch(
    [property: Id(0)] string Hostname,
    [property: Id(1)] GpuSampleBatch Samples,
    [property: Id(2)] IReadOnlyList<ServerTokens> Tokens,
    [property: Id(3)] HostWorkloads? Workloads);
