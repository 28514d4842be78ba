using TokenFactoryTwin.Abstractions.Topology;

namespace TokenFactoryTwin.Grains.Power;

[GenerateSerializer, Alias("tft.PowerNodeState")]
public sealed class PowerNodeState
{
    [Id(0)] public string? FacilityId { get; set; }
    [Id(1)] public PowerNodeSpec? Spec { get; set; }
    [Id(2)] public TwinTiming? Timing { get; set; }
}
