using System.Net;
using TokenFactoryTwin.Domain.Catalog;
using TokenFactoryTwin.Gateway.Twin;

namespace TokenFactoryTwin.Gateway.Hosting;

public static class TwinClientExtensions
{
    /// <summary>Connects to the twin's cluster as an Orleans client and registers the gateway's own services.</summary>
    public static WebApplicationBuilder AddTwinClient(this WebApplicationBuilder builder)
    {
        var orleans = builder.Configuration.GetSection("Orleans");
        var gatewayPort = orleans.GetValue("GatewayPort", 30000);
        var clusterId = orleans.GetValue("ClusterId", "tokenfactory")!;
        var serviceId = orleans.GetValue("ServiceId", "tokenfactory")!;
        builder.UseOrleansClient(client =>
        {
            client.UseLocalhostClustering(gatewayPort, serviceId, clusterId);
            client.UseConnectionRetryFilter<RetryForeverFilter>();
            client.AddActivityPropagation();
        });

        builder.Services.AddSingleton(CatalogLoader.BuiltIn);
        builder.Services.AddSingleton<TwinLocator>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<FacilityFeed>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<FacilityFeed>());
        builder.Services.AddSingleton<TwinMeter>();
        return builder;
    }

    /// <summary>Creates the twin's meter at start, so its gauges exist before the first scrape.</summary>
    public static WebApplication UseTwinMeter(this WebApplication app)
    {
        app.Services.GetRequiredService<TwinMeter>();
        return app;
    }
}
