using TokenFactoryTwin.Abstractions.Topology;

namespace TokenFactoryTwin.Grains.Hall;

[GenerateSerializer, Alias("tft.HallState")]
public sealed class HallState
{
    [Id(0)] public string? FacilityId { get; set; }
    [Id(1)] public HallSpec? Spec { get; set; }
    [Id(2)] public List<string> RackIds { get; set; } = [];
    [Id(3)] public TwinTiming? Timing { get; set; }
}
