using System.Net;
using System.Net.Sockets;

namespace TokenFactoryTwin.Tests.Shared;

/// <summary>Loopback ports nobody listens on, so each test's processes never collide with anything else.</summary>
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
