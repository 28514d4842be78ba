using TokenFactoryTwin.Gateway.Apis;
using TokenFactoryTwin.Gateway.Live;

namespace TokenFactoryTwin.Gateway.Hosting;

public static class LiveViewExtensions
{
    /// <summary>Registers the service that turns each read of the facility into one frame for every browser.</summary>
    public static WebApplicationBuilder AddLiveView(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<LiveHub>();
        builder.Services.AddSingleton<LiveRelay>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LiveRelay>());
        return builder;
    }

    /// <summary>Serves the operators' page at <c>/</c> (from wwwroot) and its push channel at <c>/api/live</c>.</summary>
    public static WebApplication MapLiveView(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.MapLiveApi();
        return app;
    }
}
