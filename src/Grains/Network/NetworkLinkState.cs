using TokenFactoryTwin.Abstractions.Topology;

namespace TokenFactoryTwin.Grains.Network;

[GenerateSerializer, Alias("tft.NetworkLinkState")]
public sealed class NetworkLinkState
{
    [Id(0)] public string? FacilityId { get; set; }
    [Id(1)] public NetworkLinkSpec? Spec { get; set; }
}
