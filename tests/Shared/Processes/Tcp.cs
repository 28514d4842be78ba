using System.Net.Sockets;

namespace TokenFactoryTwin.Tests.Shared;

public static class Tcp
{
    public static async Task<bool> Accepts(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
