using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TokenFactoryTwin.Gateway.Hosting;

namespace TokenFactoryTwin.ClusterTests.Infrastructure;

/// <summary>
/// The real gateway in the test process, as an Orleans client of the shared test cluster, serving one facility.
/// Settings go in through <c>UseSetting</c> so the gateway sees them while it builds itself. Every log line the
/// gateway writes is kept in <see cref="Logs"/>, so tests can check what it does (and does not) log.
/// </summary>
public class GatewayFactory(TwinClusterFixture cluster, string facilityId, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    public CapturingLoggerProvider Logs { get; } = new();

    public TwinClusterFixture Cluster => cluster;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Orleans:GatewayPort", cluster.GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Orleans:ClusterId", TwinClusterFixture.ClusterId);
        builder.UseSetting("Orleans:ServiceId", TwinClusterFixture.ServiceId);
        builder.UseSetting("Twin:FacilityId", facilityId);
        // Many gateways run side by side here: OTLP/gRPC only where a test asks for it (on a free port).
        builder.UseSetting("Twin:Otlp:GrpcEndpoint", "");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }

    /// <summary>Hands the gateway out once it has reached the cluster (it connects in the background), as a readiness probe would.</summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        host.Services.GetRequiredService<ClusterConnection>().Connected.WaitAsync(TimeSpan.FromSeconds(60)).GetAwaiter().GetResult();
        return host;
    }
}
