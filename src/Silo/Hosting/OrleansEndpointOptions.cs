namespace TokenFactoryTwin.Silo.Hosting;

/// <summary>The <c>Orleans</c> configuration section, named as Aspire's Orleans integration names it.</summary>
public sealed class OrleansEndpointOptions
{
    public string ClusterId { get; set; } = "tokenfactory";
    public string ServiceId { get; set; } = "tokenfactory";
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;
    public int PrimarySiloPort { get; set; } = 11111;
}
