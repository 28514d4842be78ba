using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TokenFactoryTwin.Domain.Catalog;
using TokenFactoryTwin.Grains;

namespace TokenFactoryTwin.ScaleBench;

/// <summary>
/// One silo in this process with the twin's real grains: localhost clustering on free loopback ports and grain
/// state in memory (the benchmark measures the hot path, which never touches storage after configuration).
/// </summary>
public static class InProcessSilo
{
    private static volatile bool _stopping;

    /// <summary>Silences the log while the silo stops: rack timers still firing at hall grains already gone are expected then.</summary>
    public static void Stopping() => _stopping = true;

    public static IHost Build()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.AddFilter((_, level) => level >= LogLevel.Warning && !_stopping);
        builder.Services.AddSingleton(CatalogLoader.BuiltIn);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(FreePort(), FreePort(), serviceId: "tft-scale", clusterId: "tft-scale");
            silo.AddMemoryGrainStorage(StorageNames.Twin);
        });
        return builder.Build();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
