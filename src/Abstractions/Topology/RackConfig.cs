namespace TokenFactoryTwin.Abstractions.Topology;

/// <summary>Everything a rack grain is told when it is configured.</summary>
[GenerateSerializer, Immutable, Alias("tft.RackConfig")]
public sealed record RackConfig(
    [property: Id(0)] string FacilityId,
    [property: Id(1)] RackSpec Spec,
    [property: Id(2)] RackProfile Profile,
    [property: Id(3)] TwinTiming Timing,
    [property: Id(4)] IReadOnlyList<string> Links);
