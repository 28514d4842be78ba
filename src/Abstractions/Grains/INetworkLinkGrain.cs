using TokenFactoryTwin.Abstractions.Kpis;

namespace TokenFactoryTwin.Abstractions.Grains;

/// <summary>
/// A rack's uplink bundle. Its traffic is carried in its rack's snapshot; this grain is its addressable face. Its spec
/// is the facility's, asked for when the link is read, so starting a facility need not touch one grain per link.
/// </summary>
[Alias("tft.INetworkLinkGrain")]
public interface INetworkLinkGrain : IGrainWithStringKey
{
    [Alias("GetStatus")]
    Task<NetworkLinkStatus?> GetStatus();
}
