using System.Net;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Storage;
using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Domain.Catalog;
using TokenFactoryTwin.Domain.Facilities;
using TokenFactoryTwin.Grains;
using TokenFactoryTwin.Grains.Storage;

namespace TokenFactoryTwin.Silo.Hosting;

public static class TwinSiloExtensions
{
    /// <summary>
    /// Loads the catalog and the facility file (a bad file stops the start with every problem listed), then hosts the
    /// grains on an Orleans silo with the embedded SQLite store and the Orleans dashboard.
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
        builder.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Twin, (_, _) =>
            new SqliteGrainStorage(new SqliteGrainStorageOptions { DatabasePath = Path.Combine(twin.DataDirectory, "twin.db") }));

        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(
                endpoints.SiloPort,
                endpoints.GatewayPort,
                new IPEndPoint(IPAddress.Loopback, endpoints.PrimarySiloPort),
                endpoints.ServiceId,
                endpoints.ClusterId);
            silo.Configure<EndpointOptions>(o => o.AdvertisedIPAddress = IPAddress.Loopback);
            silo.AddActivityPropagation();
            silo.AddDashboard();
            silo.AddStartupTask<FacilityStartup>();
        });
        return builder;
    }
}
