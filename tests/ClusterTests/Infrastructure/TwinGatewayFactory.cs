using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace TokenFactoryTwin.ClusterTests.Infrastructure;

/// <summary>
/// The real gateway, in process, connected as an Orleans client to the shared test cluster and serving one facility.
/// </summary>
public sealed class TwinGatewayFactory(TwinClusterFixture cluster, string facilityId, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Orleans:GatewayPort", cluster.GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Orleans:ClusterId", TwinClusterFixture.ClusterId);
        builder.UseSetting("Orleans:ServiceId", TwinClusterFixture.ServiceId);
        builder.UseSetting("Twin:FacilityId", facilityId);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }
}
