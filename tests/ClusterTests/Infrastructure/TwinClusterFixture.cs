using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.Storage;
using Orleans.TestingHost;
using TokenFactoryTwin.Domain.Catalog;
using TokenFactoryTwin.Grains;
using TokenFactoryTwin.Grains.Storage;

namespace TokenFactoryTwin.ClusterTests.Infrastructure;

/// <summary>
/// One real Orleans test cluster (two silos, TCP transport so a gateway in the test process can connect to it)
/// shared by every test in the <see cref="TwinClusterCollection"/>. Each test twins its own facility under a fresh
/// id, so tests never see each other's grains. Grain state goes to a real SQLite file in a temporary folder.
/// </summary>
public sealed class TwinClusterFixture : IAsyncLifetime
{
    public const string ClusterId = "tft-tests";
    public const string ServiceId = "tft-tests";

    public static readonly string DataDirectory = Path.Combine(Path.GetTempPath(), "tft-cluster-tests", Guid.NewGuid().ToString("N"));

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    public int GatewayPort => Cluster.Options.BaseGatewayPort;

    public async Task InitializeAsync()
    {
        Cluster = await TwinTestCluster.Deploy(2, ClusterId, DataDirectory);
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A silo may still hold the file for a moment; the folder is under the temp directory.
        }
    }
}
