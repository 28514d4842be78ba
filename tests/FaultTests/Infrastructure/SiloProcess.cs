namespace TokenFactoryTwin.FaultTests.Infrastructure;

/// <summary>One silo process and the ports it was given.</summary>
public sealed class SiloProcess(int siloPort, int gatewayPort, int webPort)
{
    public int SiloPort { get; } = siloPort;

    public int GatewayPort { get; } = gatewayPort;

    public int WebPort { get; } = webPort;

    public ManagedProcess Process { get; set; } = null!;
}
