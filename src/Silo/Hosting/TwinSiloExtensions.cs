using Orleans.Configuration;
using Orleans.Dashboard;
using TokenFactoryTwin.Domain.Catalog;
using TokenFactoryTwin.Domain.Facilities;
using TokenFactoryTwin.Grains.Placement;

namespace TokenFactoryTwin.Silo.Hosting;

public static class TwinSiloExtensions
{
    /// <summary>
    /// Loads the catalog and the facility file (a bad file stops the start with every problem listed), then hosts the
    /// grains on an Orleans silo: clustering and storage from <c>Twin:Store</c>, TLS from <c>Twin:Tls</c>, and the
    /// Orleans dashboard.
    /// </summary>
    public static WebApplicationBuilder AddTwinSilo(this WebApplicationBuilder builder)
    {
        var twin = builder.Configuration.GetSection(TwinOptions.Section).Get<TwinOptions>() ?? new TwinOptions();
        var endpoints = new OrleansEndpointOptions();
        builder.Configuration.GetSection("Orleans").Bind(endpoints);
        builder.Configuration.GetSection("Orleans:Endpoints").Bind(endpoints);

        var catalog = CatalogLoader.BuiltIn;
        var facility = string.IsNullOrWhiteSpace(twin.FacilityFile)
            ? FacilityFile.LoadDefault(catalog)
            : FacilityFile.Load(twin.FacilityFile, catalog);

        builder.Services.AddSingleton(catalog);
        builder.Services.AddSingleton(facility);
        builder.Services.AddSingleton(twin.Timing);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHealthChecks().AddCheck<SiloActiveCheck>("silo", tags: [Extensions.ReadyTag]);

        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = endpoints.ClusterId;
                o.ServiceId = endpoints.ServiceId;
            });
            silo.UseTwinStore(twin, endpoints, builder.Configuration);
            silo.UseTwinMembershipTimings();
            silo.Services.AddTwinPlacement();
            silo.Services.AddSingleton<SiloStopping>();
            silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<SiloStopping>());
            silo.AddOutgoingGrainCallFilter<QuietStopCallFilter>();
            silo.UseTwinTls(builder.Configuration);
            if (Extensions.ExportsTraces(builder.Configuration))
            {
                silo.AddActivityPropagation();
            }

            // The dashboard samples every Orleans counter (activation counts walk every activation) on each update:
            // once a second is a noticeable share of a gigawatt twin's CPU, every 5 s is plenty for a human.
            silo.AddDashboard(o => o.CounterUpdateIntervalMs = 5000);
            silo.AddStartupTask<FacilityStartup>();
        });
        return builder;
    }
}
