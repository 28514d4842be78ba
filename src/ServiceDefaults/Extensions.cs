using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every host of the twin shares: OpenTelemetry logs, metrics and traces (OTLP when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, the console exporter when <c>Telemetry:Console</c> is true, and a
/// Prometheus scrape endpoint at <c>/metrics</c>), health checks at <c>/health</c>, <c>/alive</c> and <c>/ready</c>, service
/// discovery and HTTP resilience. Traces are collected only when something exports them: a twin makes tens of
/// thousands of grain calls a second, and recording a span for each that nobody reads cost the silo a tenth of
/// its CPU.
/// </summary>
public static class Extensions
{
    /// <summary>Meters every host exports besides ASP.NET Core's and the runtime's.</summary>
    public static readonly string[] Meters = ["Microsoft.Orleans", "TokenFactoryTwin"];

    /// <summary>Every check: what the Aspire dashboard and a human read.</summary>
    public const string HealthEndpointPath = "/health";

    /// <summary>Only the process itself: a failing one means restart it (Kubernetes' liveness probe).</summary>
    public const string AlivenessEndpointPath = "/alive";

    /// <summary>The process and what it needs to serve (its silo active, its cluster reached): Kubernetes' readiness probe.</summary>
    public const string ReadinessEndpointPath = "/ready";

    /// <summary>
    /// The tag of the checks that only readiness (and the full health) waits for. Such a check reports a process that
    /// is not ready yet as <see cref="HealthStatus.Degraded"/>, not Unhealthy: waiting for the cluster is normal at
    /// start, and the health service logs every Unhealthy result as an error; readiness answers 503 for both.
    /// </summary>
    public const string ReadyTag = "ready";

    private const string LiveTag = "live";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        return builder;
    }

    /// <summary>Whether traces go anywhere: to an OTLP endpoint (Aspire sets one) or to the console.</summary>
    public static bool ExportsTraces(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]) || configuration.GetValue<bool>("Telemetry:Console");

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var console = builder.Configuration.GetValue<bool>("Telemetry:Console");
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddMeter(Meters)
                    .AddPrometheusExporter();
                if (console)
                {
                    metrics.AddConsoleExporter();
                }
            });
        if (ExportsTraces(builder.Configuration))
        {
            builder.Services.AddOpenTelemetry().WithTracing(tracing =>
            {
                tracing.AddSource(builder.Environment.ApplicationName)
                    .AddSource("Microsoft.Orleans.Runtime")
                    .AddSource("Microsoft.Orleans.Application")
                    .AddAspNetCoreInstrumentation(options =>
                        options.Filter = context =>
                            !context.Request.Path.StartsWithSegments(HealthEndpointPath)
                            && !context.Request.Path.StartsWithSegments(AlivenessEndpointPath)
                            && !context.Request.Path.StartsWithSegments(ReadinessEndpointPath)
                            && !context.Request.Path.StartsWithSegments("/metrics"))
                    .AddHttpClientInstrumentation();
                if (console)
                {
                    tracing.AddConsoleExporter();
                }
            });
        }

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        return builder;
    }

    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(HealthEndpointPath);
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions { Predicate = r => r.Tags.Contains(LiveTag) });
        app.MapHealthChecks(ReadinessEndpointPath, new HealthCheckOptions
        {
            Predicate = r => r.Tags.Contains(LiveTag) || r.Tags.Contains(ReadyTag),
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        });
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }
}
