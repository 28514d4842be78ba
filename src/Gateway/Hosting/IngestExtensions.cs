using TokenFactoryTwin.Gateway.Ingest;

namespace TokenFactoryTwin.Gateway.Hosting;

public static class IngestExtensions
{
    /// <summary>The ingest path's services: body limits (<c>Twin:Ingest</c>), the reader that applies them, the dispatcher.</summary>
    public static WebApplicationBuilder AddTwinIngest(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<IngestOptions>(builder.Configuration.GetSection("Twin:Ingest"));
        builder.Services.AddSingleton<RequestBodyReader>();
        builder.Services.AddSingleton<TelemetryDispatcher>();
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }
}
