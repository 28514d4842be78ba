namespace TokenFactoryTwin.Abstractions.Telemetry;

/// <summary>One GPU of a host, by the exporter's index (and UUID where sent), and the workload its labels name (null: none).</summary>
[GenerateSerializer, Immutable, Alias("tft.LabelledGpu")]
public sealed record LabelledGpu(
    [property: Id(0)] int GpuIndex,
    [property: Id(1)] string? Uuid,
    [property: Id(2)] GpuWorkload? Workload);
