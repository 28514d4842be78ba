namespace TokenFactoryTwin.Abstractions.Telemetry;

/// <summary>
/// The GPUs of one host a body reported, each with the workload its labels name (or none). GPUs the body did not
/// report keep what they had: a remote-write request may carry only some of a host's series. Sent beside a host's
/// batch only when it differs from what was last sent for the host (and on a slow refresh).
/// </summary>
[GenerateSerializer, Immutable, Alias("tft.HostWorkloads")]
public sealed record HostWorkloads([property: Id(0)] IReadOnlyList<LabelledGpu> Gpus);
