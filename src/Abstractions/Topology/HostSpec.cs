namespace TokenFactoryTwin.Abstractions.Topology;

/// <summary>A server in a live rack, by the host name its exporters report, and how many GPUs it holds.</summary>
[GenerateSerializer, Immutable, Alias("tft.HostSpec")]
public sealed record HostSpec(
    [property: Id(0)] string Hostname,
    [property: Id(1)] int Gpus);
