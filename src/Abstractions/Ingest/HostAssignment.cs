namespace TokenFactoryTwin.Abstractions.Ingest;

/// <summary>Where a host's GPUs sit: its rack and the rack slots <see cref="FirstSlot"/> .. FirstSlot + Gpus - 1, in exporter order.</summary>
[GenerateSerializer, Immutable, Alias("tft.HostAssignment")]
public sealed record HostAssignment(
    [property: Id(0)] string FacilityId,
    [property: Id(1)] string RackId,
    [property: Id(2)] int FirstSlot,
    [property: Id(3)] int Gpus);
