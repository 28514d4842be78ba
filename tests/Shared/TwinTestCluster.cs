using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.Storage;
using Orleans.TestingHost;
using TokenFactoryTwin.Domain.Catalog;
using TokenFactoryTwin.Grains;
using TokenFactoryTwin.Grains.Placement;
using TokenFactoryTwin.Grains.Storage;

namespace TokenFactoryTwin.Tests.Shared;

/// <summary>
/// A real Orleans test cluster running the twin's grains: TCP transport (so a gateway in the test process can connect
/// to it as a client), the built-in catalog, and grain state in a SQLite file under <c>dataDirectory</c>.
/// Shared by the test projects that start one.
/// </summary>
public static class TwinTestCluster
{
    private const string DataDirectoryKey = "TwinTests:DataDirectory";

    public static async Task<TestCluster> Deploy(int silos, string clusterId, string dataDirectory)
    {
        var builder = new TestClusterBuilder((short)silos);
        builder.Options.ClusterId = clusterId;
        builder.Options.ServiceId = clusterId;
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        builder.Properties[DataDirectoryKey] = dataDirectory;
        builder.AddSiloBuilderConfigurator<TwinSiloConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    /// <summary>
    /// What a silo needs to run the twin's grains: the built-in catalog, the clock its grains read and time their
    /// flushes by, and grain state in a SQLite file under <paramref name="dataDirectory"/>.
    /// </summary>
    public static void AddTwinGrainServices(IServiceCollection services, string dataDirectory, TimeProvider time)
    {
        services.AddSingleton(CatalogLoader.BuiltIn);
        services.AddSingleton(time);
        services.AddTwinPlacement();
        services.AddKeyedSingleton<IGrainStorage>(StorageNames.Twin, (_, _) =>
            new SqliteGrainStorage(new SqliteGrainStorageOptions { DatabasePath = Path.Combine(dataDirectory, "twin.db") }));
    }

    private sealed class TwinSiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) =>
            AddTwinGrainServices(siloBuilder.Services, siloBuilder.Configuration[DataDirectoryKey]!, TimeProvider.System);
    }
}
