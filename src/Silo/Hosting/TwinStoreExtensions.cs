using System.Net;
using Orleans.Storage;
using TokenFactoryTwin.ServiceDefaults.Cluster;
using TokenFactoryTwin.Grains;
using TokenFactoryTwin.Grains.Storage;

namespace TokenFactoryTwin.Silo.Hosting;

public static class TwinStoreExtensions
{
    /// <summary>
    /// <c>embedded</c>: one silo on localhost clustering with grain state in a SQLite file — nothing to install.
    /// <c>redis</c>: several silos form one cluster through Redis, which also holds grain state, so any silo can
    /// re-activate any grain after another one dies.
    /// </summary>
    public static ISiloBuilder UseTwinStore(this ISiloBuilder silo, TwinOptions twin, OrleansEndpointOptions endpoints, IConfiguration configuration)
    {
        switch (twin.Store.ToLowerInvariant())
        {
            case TwinRedis.Embedded:
                silo.UseLocalhostClustering(endpoints.SiloPort, endpoints.GatewayPort,
                    new IPEndPoint(IPAddress.Loopback, endpoints.PrimarySiloPort), endpoints.ServiceId, endpoints.ClusterId);
                silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Twin, (_, _) =>
                    new SqliteGrainStorage(new SqliteGrainStorageOptions { DatabasePath = Path.Combine(twin.DataDirectory, "twin.db") }));
                break;
            case TwinRedis.Redis:
                var redis = TwinRedis.Options(configuration);
                var advertised = AdvertisedAddress(endpoints);
                silo.ConfigureEndpoints(advertised ?? IPAddress.Loopback, endpoints.SiloPort, endpoints.GatewayPort, listenOnAnyHostAddress: advertised is not null && !IPAddress.IsLoopback(advertised));
                silo.UseRedisClustering(o => o.ConfigurationOptions = redis);
                silo.AddRedisGrainStorage(StorageNames.Twin, o =>
                {
                    o.ConfigurationOptions = redis;
                    o.GrainStorageSerializer = new TwinJsonGrainStorageSerializer();
                });
                break;
            default:
                throw new InvalidOperationException($"Twin:Store '{twin.Store}' is not '{TwinRedis.Embedded}' or '{TwinRedis.Redis}'.");
        }

        return silo;
    }

    private static IPAddress? AdvertisedAddress(OrleansEndpointOptions endpoints) =>
        string.IsNullOrWhiteSpace(endpoints.AdvertisedIPAddress) ? null
        : IPAddress.TryParse(endpoints.AdvertisedIPAddress, out var address) ? address
        : throw new InvalidOperationException($"Orleans:Endpoints:AdvertisedIPAddress '{endpoints.AdvertisedIPAddress}' is not an IP address.");
}
