using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TokenFactoryTwin.Gateway.Hosting;

namespace TokenFactoryTwin.BrowserTests.Infrastructure;

/// <summary>The real gateway, on Kestrel at a free 127.0.0.1 port, connected as an Orleans client to the test cluster.</summary>
public sealed class GatewayFactory(int gatewayPort, string clusterId, string serviceId, string facilityId) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Orleans:GatewayPort", gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Orleans:ClusterId", clusterId);
        builder.UseSetting("Orleans:ServiceId", serviceId);
        builder.UseSetting("Twin:FacilityId", facilityId);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    /// <summary>Hands the gateway out once it has reached the cluster (it connects in the background), as a readiness probe would.</summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        host.Services.GetRequiredService<ClusterConnection>().Connected.WaitAsync(TimeSpan.FromSeconds(60)).GetAwaiter().GetResult();
        return host;
    }
}
