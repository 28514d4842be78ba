namespace TokenFactoryTwin.Abstractions.Planning;

/// <summary>A spine switch's ports taken by rack uplinks against the ports it has.</summary>
[GenerateSerializer, Immutable, Alias("tft.SpineConstraint")]
public sealed record SpineConstraint(
    [property: Id(0)] string Spine,
    [property: Id(1)] int PortsUsed,
    [property: Id(2)] int Ports,
    [property: Id(3)] bool Ok);
