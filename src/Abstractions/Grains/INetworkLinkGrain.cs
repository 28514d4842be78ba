using TokenFactoryTwin.Abstractions.Kpis;
using TokenFactoryTwin.Abstractions.Topology;

namespace TokenFactoryTwin.Abstractions.Grains;

/// <summary>A rack's uplink bundle. Its traffic is carried in its rack's snapshot; this grain is its addressable face.</summary>
[Alias("tft.INetworkLinkGrain")]
public interface INetworkLinkGrain : IGrainWithStringKey
{
    [Alias("Configure")]
    Task Configure(string facilityId, NetworkLinkSpec spec);

    [Alias("GetStatus")]
    Task<NetworkLinkStatus?> GetStatus();
}
