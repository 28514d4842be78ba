using TokenFactoryTwin.Domain.Telemetry.Meters;
using TokenFactoryTwin.Gateway.Ingest;
using TokenFactoryTwin.Gateway.Otlp;
using TokenFactoryTwin.Gateway.Scraping;
using TokenFactoryTwin.Gateway.Security;

namespace TokenFactoryTwin.Gateway.Hosting;

public static class IngestExtensions
{
    /// <summary>The ingest path's services: body limits (<c>Twin:Ingest</c>), the reader that applies them, an ingestor per format and the dispatcher they share, the scraper (<c>Twin:Scrape</c>), the OTLP/gRPC listener (<c>Twin:Otlp</c>).</summary>
    public static WebApplicationBuilder AddTwinIngest(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<IngestOptions>(builder.Configuration.GetSection("Twin:Ingest"));
        builder.Services.AddSingleton<RequestBodyReader>();
        builder.Services.AddSingleton<TelemetryDispatcher>();
        builder.Services.AddSingleton<HostBatches>();
        builder.Services.AddSingleton<WorkloadLabelsSent>();
        builder.Services.AddSingleton<NativeIngestor>();
        builder.Services.AddSingleton<PrometheusIngestor>();
        builder.Services.AddSingleton<OtlpIngestor>();
        builder.Services.AddSingleton<RemoteWriteIngestor>();
        builder.Services.AddSingleton<MeterIngest>();
        builder.Services.Configure<OtlpGrpcOptions>(builder.Configuration.GetSection("Twin:Otlp"));
        builder.Services.Configure<BackpressureOptions>(builder.Configuration.GetSection("Twin:Backpressure"));
        builder.Services.AddSingleton<OtlpMetricsGrpcService>();
        builder.Services.AddSingleton<OtlpGrpcServer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OtlpGrpcServer>());
        builder.Services.Configure<MeterRules>(builder.Configuration.GetSection("Twin:Meters"));
        builder.Services.Configure<ScrapeOptions>(builder.Configuration.GetSection("Twin:Scrape"));
        builder.Services.AddSingleton<ScrapeHealthRegistry>();
        builder.Services.AddSingleton<ConfiguredScrapeTargets>();
        builder.Services.AddSingleton<ScrapeService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ScrapeService>());
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }
}
