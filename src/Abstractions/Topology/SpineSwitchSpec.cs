namespace TokenFactoryTwin.Abstractions.Topology;

/// <summary>A spine switch that rack uplinks land on: how many ports it has and how fast they are.</summary>
[GenerateSerializer, Immutable, Alias("tft.SpineSwitchSpec")]
public sealed record SpineSwitchSpec(
    [property: Id(0)] string Id,
    [property: Id(1)] int Ports,
    [property: Id(2)] double PortGbps);
