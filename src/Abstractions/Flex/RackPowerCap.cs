namespace TokenFactoryTwin.Abstractions.Flex;

/// <summary>A cap a flex event puts on a rack's GPUs, and the share of its tokens/s the plan says it keeps under it.</summary>
[GenerateSerializer, Immutable, Alias("tft.RackPowerCap")]
public sealed record RackPowerCap(
    [property: Id(0)] double WattsPerGpu,
    [property: Id(1)] double Speed);
