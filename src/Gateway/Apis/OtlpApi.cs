using System.Text.Json;
using TokenFactoryTwin.Domain.Telemetry.Mapping;
using TokenFactoryTwin.Domain.Telemetry.Otlp;
using TokenFactoryTwin.Gateway.Ingest;
using TokenFactoryTwin.Gateway.Security;
using TokenFactoryTwin.Gateway.Twin;

namespace TokenFactoryTwin.Gateway.Apis;

/// <summary>
/// OTLP/HTTP metrics (<c>POST /v1/metrics</c>, JSON encoding): gauge and sum points under the same names and
/// attributes as the Prometheus path; the answer is an ExportMetricsServiceResponse with partial success.
/// </summary>
public static class OtlpApi
{
    public static IEndpointRouteBuilder MapOtlpApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/metrics", Post)
            .WithTags("Ingest")
            .RequireAuthorization(TwinRoles.IngestPolicy)
            .RequireRateLimiting(SecurityExtensions.WritePolicy)
            .WithSummary("OTLP/HTTP JSON metrics (ExportMetricsServiceRequest); protobuf gets 415 for now.");
        return app;
    }

    private static async Task<IResult> Post(HttpContext context, TwinLocator twin, RequestBodyReader reader, TelemetryDispatcher dispatcher, TimeProvider time)
    {
        var mediaType = context.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (mediaType != "application/json")
        {
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: mediaType == "application/x-protobuf"
                    ? "OTLP/HTTP protobuf is not supported yet; send OTLP/HTTP JSON with Content-Type: application/json (for OpenTelemetry SDKs: OTEL_EXPORTER_OTLP_METRICS_PROTOCOL=http/json)."
                    : $"Content-Type '{mediaType}' is not OTLP/HTTP JSON; send application/json.");
        }

        if (await twin.FacilityId() is not { } facility)
        {
            return TwinResults.Starting(context);
        }

        using var body = await reader.Read(context);
        if (!body.Ok)
        {
            return body.Refusal!;
        }

        OtlpMetricsBatch batch;
        try
        {
            batch = OtlpJsonParser.Parse(body.Bytes);
        }
        catch (JsonException e)
        {
            return TwinResults.BadRequest($"The body is not an OTLP ExportMetricsServiceRequest: {e.Message}");
        }

        var mapped = new MappedTelemetry();
        mapped.Issues.AddRange(batch.Issues);
        TelemetryMapper.Map(batch.Points, null, time.GetUtcNow(), mapped);
        var host = batch.Points.Select(p => p.Label("host.name")).FirstOrDefault(h => h is not null);
        var reply = await dispatcher.Dispatch(facility, mapped, host, null);

        // Issues already counted the unreadable points; the rest of the rejections are samples the twin refused.
        var rejected = reply.Rejected;
        if (rejected == 0)
        {
            return Results.Json(new { });
        }

        var message = string.Join("; ", reply.Errors.Take(10).Select(e => e.Host is null ? e.Reason : $"{e.Host}: {e.Reason}"));
        return Results.Json(new { partialSuccess = new { rejectedDataPoints = rejected.ToString(System.Globalization.CultureInfo.InvariantCulture), errorMessage = message } });
    }
}
