namespace TokenFactoryTwin.Silo.Hosting;

/// <summary>The <c>Orleans</c> configuration section, named as Aspire's Orleans integration names it.</summary>
public sealed class OrleansEndpointOptions
{
    public string ClusterId { get; set; } = "tokenfactory";
    public string ServiceId { get; set; } = "tokenfactory";
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;
    public int PrimarySiloPort { get; set; } = 11111;

    /// <summary>
    /// The address this silo tells the cluster to reach it at, in cluster mode; empty for loopback. On Kubernetes it is
    /// the pod's IP (from the downward API), and the silo then listens on every address of the pod; with no address, or
    /// a loopback one, it binds to loopback only.
    /// </summary>
    public string AdvertisedIPAddress { get; set; } = "";
}
