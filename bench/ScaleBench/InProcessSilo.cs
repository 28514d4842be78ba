using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TokenFactoryTwin.Domain.Catalog;
using Orleans.Storage;
using TokenFactoryTwin.Grains;
using TokenFactoryTwin.Grains.Storage;

namespace TokenFactoryTwin.ScaleBench;

/// <summary>
/// One silo in this process with the twin's real grains: localhost clustering on free loopback ports and grain
/// state in memory (as JSON, as the twin stores it), or with <c>--store sqlite</c> in the embedded store's SQLite file (what history costs to store).
/// </summary>
public static class InProcessSilo
{
    private static volatile bool _stopping;

    /// <summary>Silences the log while the silo stops: rack timers still firing at hall grains already gone are expected then.</summary>
    public static void Stopping() => _stopping = true;

    /// <param name="sqliteDirectory">Where the SQLite file goes; grain state in memory when null.</param>
    public static IHost Build(string? sqliteDirectory = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.AddFilter((_, level) => level >= LogLevel.Warning && !_stopping);
        builder.Services.AddSingleton(CatalogLoader.BuiltIn);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(FreePort(), FreePort(), serviceId: "tft-scale", clusterId: "tft-scale");
            if (sqliteDirectory is null)
            {
                // Encoded as the twin's own stores encode state (System.Text.Json), not with Orleans' default for
                // memory storage (Newtonsoft): stored history is then priced as the twin pays for it.
                silo.AddMemoryGrainStorage(StorageNames.Twin, o => o.GrainStorageSerializer = new TwinJsonGrainStorageSerializer());
            }
            else
            {
                silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Twin, (_, _) =>
                    new SqliteGrainStorage(new SqliteGrainStorageOptions { DatabasePath = Path.Combine(sqliteDirectory, "twin.db") }));
            }
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
