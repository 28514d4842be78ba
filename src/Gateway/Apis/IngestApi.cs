using System.Text;
using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Gateway.Ingest;
using TokenFactoryTwin.Gateway.Security;
using TokenFactoryTwin.Gateway.Twin;

namespace TokenFactoryTwin.Gateway.Apis;

/// <summary>
/// Telemetry in: native JSON batches and Prometheus text exposition (dcgm-exporter, vLLM, SGLang, TensorRT-LLM,
/// Dynamo), plus the list of unknown sources. Writes need the <c>ingest</c> role when keys are on and are rate
/// limited per key.
/// </summary>
public static class IngestApi
{
    public static IEndpointRouteBuilder MapIngestApi(this IEndpointRouteBuilder app)
    {
        var writes = app.MapGroup("/api").WithTags("Ingest")
            .RequireAuthorization(TwinRoles.IngestPolicy)
            .RequireRateLimiting(SecurityExtensions.WritePolicy);

        writes.MapPost("/telemetry", PostNative)
            .WithSummary("A native JSON batch of GPU samples, addressed by twin GPU id or by host and exporter GPU index.");
        writes.MapPost("/ingest/prometheus", PostPrometheus)
            .WithSummary("A Prometheus text exposition body as an exporter serves it; ?host= or ?endpoint= names the source of GPU-less series.");

        app.MapGet("/api/discovered", GetDiscovered)
            .WithTags("Ingest")
            .WithSummary("Hosts and GPUs that sent telemetry but are in no live rack, for an operator to register.");
        return app;
    }

    private static Task<IResult> GetDiscovered(TwinLocator twin, HttpContext context) =>
        twin.WithFacilityId(context, async facility =>
            Results.Ok(await twin.Client.Reference<IDiscoveryGrain>(TwinKeys.Discovery(facility)).GetAll()));

    private static Task<IResult> PostNative(HttpContext context, TwinLocator twin, RequestBodyReader reader, NativeIngestor ingestor) =>
        twin.WithTelemetry(context, reader, async (facility, body) =>
        {
            var (reply, unusable) = await ingestor.Ingest(facility, body.Bytes);
            return reply is not null ? Results.Ok(reply) : TwinResults.BadRequest(unusable!);
        });

    private static async Task<IResult> PostPrometheus(
        HttpContext context, TwinLocator twin, RequestBodyReader reader, PrometheusIngestor ingestor, string? host, string? endpoint)
    {
        if (host is not null && endpoint is not null)
        {
            return TwinResults.BadRequest("Name the source with ?host= or ?endpoint=, not both.");
        }

        return await twin.WithTelemetry(context, reader, async (facility, body) =>
        {
            var (reply, unusable, issues) = await ingestor.Ingest(
                facility, Encoding.UTF8.GetString(body.Bytes.Span), string.IsNullOrWhiteSpace(host) ? null : host, endpoint);
            return reply is not null
                ? Results.Ok(reply)
                : Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request", detail: unusable,
                    extensions: new Dictionary<string, object?> { ["errors"] = issues.Take(IngestReply.MaxErrors).ToList() });
        });
    }
}
