using Orleans.Configuration;
using TokenFactoryTwin.Domain.Catalog;
using TokenFactoryTwin.Gateway.Carbon;
using TokenFactoryTwin.Gateway.Flex;
using TokenFactoryTwin.Gateway.Twin;
using TokenFactoryTwin.ServiceDefaults.Cluster;

namespace TokenFactoryTwin.Gateway.Hosting;

public static class TwinClientExtensions
{
    /// <summary>How long a grain call may take before the gateway gives up on it and answers 503.</summary>
    public static readonly TimeSpan GrainCallTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Connects to the twin's cluster as an Orleans client — the local silo's gateway port, or every silo Redis lists
    /// in cluster mode — in the background (see <see cref="ClusterConnection"/>), and registers the gateway's own
    /// services.
    /// </summary>
    public static WebApplicationBuilder AddTwinClient(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var orleans = configuration.GetSection("Orleans");
        var clusterId = orleans.GetValue("ClusterId", "tokenfactory")!;
        var serviceId = orleans.GetValue("ServiceId", "tokenfactory")!;
        var orleansClient = ClusterClientServices.TakeFrom(builder.Services, () => builder.UseOrleansClient(client =>
        {
            if (TwinRedis.IsSelected(configuration))
            {
                var redis = TwinRedis.Options(configuration);
                client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, serviceId));
                client.UseRedisClustering(o => o.ConfigurationOptions = redis);
            }
            else
            {
                client.UseLocalhostClustering(orleans.GetValue("GatewayPort", 30000), serviceId, clusterId);
            }

            // Learn of silos that died or joined within seconds, and never let a request wait on a lost one for long.
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(2));
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = GrainCallTimeout);
            var tls = TwinTls.Settings(configuration);
            if (tls.Enabled)
            {
                client.UseTls(TlsCertificates.LoadOwn(tls), TwinTls.Configure(tls));
            }

            client.UseConnectionRetryFilter<RetryForeverFilter>();
            if (Extensions.ExportsTraces(configuration))
            {
                client.AddActivityPropagation();
            }
        }));
        builder.Services.AddSingleton(orleansClient);
        builder.Services.AddSingleton<ClusterConnection>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ClusterConnection>());
        builder.Services.AddHealthChecks().AddCheck<ClusterConnectedCheck>("cluster", tags: [Extensions.ReadyTag]);

        builder.Services.AddSingleton(CatalogLoader.BuiltIn);
        builder.Services.AddSingleton<TwinLocator>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<FacilityFeed>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<FacilityFeed>());
        builder.Services.AddSingleton<TwinMeter>();
        builder.Services.AddSingleton<WorkloadMeter>();
        builder.Services.AddSingleton<CarbonFeed>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<CarbonFeed>());
        builder.Services.AddSingleton<CarbonMeter>();
        builder.Services.AddSingleton<FlexFeed>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<FlexFeed>());
        builder.Services.AddSingleton<FlexMeter>();
        builder.Services.AddExceptionHandler<ClusterUnavailableHandler>();
        return builder;
    }

    /// <summary>Creates the twin's meter at start, so its gauges exist before the first scrape.</summary>
    public static WebApplication UseTwinMeter(this WebApplication app)
    {
        app.Services.GetRequiredService<TwinMeter>();
        app.Services.GetRequiredService<WorkloadMeter>();
        app.Services.GetRequiredService<CarbonMeter>();
        app.Services.GetRequiredService<FlexMeter>();
        return app;
    }
}
