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
    /// <summary>How many refusals the partial-success message names; the count covers them all.</summary>
    private const int MaxErrorsInMessage = 10;

    private const string JsonMediaType = "application/json";

    private const string ProtobufMediaType = "application/x-protobuf";

    public static IEndpointRouteBuilder MapOtlpApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/metrics", Post)
            .WithTags("Ingest")
            .RequireAuthorization(TwinRoles.IngestPolicy)
            .RequireRateLimiting(SecurityExtensions.WritePolicy)
            .WithSummary("OTLP/HTTP JSON metrics (ExportMetricsServiceRequest); protobuf gets 415 for now.");
        return app;
    }

    private static async Task<IResult> Post(HttpContext context, TwinLocator twin, RequestBodyReader reader, OtlpIngestor ingestor)
    {
        var mediaType = context.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (mediaType != JsonMediaType)
        {
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: mediaType == ProtobufMediaType
                    ? "OTLP/HTTP protobuf is not supported yet; send OTLP/HTTP JSON with Content-Type: application/json (for OpenTelemetry SDKs: OTEL_EXPORTER_OTLP_METRICS_PROTOCOL=http/json)."
                    : $"Content-Type '{mediaType}' is not OTLP/HTTP JSON; send application/json.");
        }

        return await twin.WithBody(context, reader, async (facility, body) =>
        {
            var (reply, unusable) = await ingestor.Ingest(facility, body.Bytes);
            return reply is null ? TwinResults.BadRequest(unusable!) : Answer(reply);
        });
    }

    /// <summary>The ExportMetricsServiceResponse: empty when every point was taken, else partial success.</summary>
    private static IResult Answer(IngestReply reply)
    {
        // Unreadable points, refused series and samples the twin refused all count as rejected data points.
        var rejected = reply.Rejected;
        if (rejected == 0)
        {
            return Results.Json(new { });
        }

        var message = string.Join("; ", reply.Errors.Take(MaxErrorsInMessage).Select(e => e.Host is null ? e.Reason : $"{e.Host}: {e.Reason}"));
        return Results.Json(new { partialSuccess = new { rejectedDataPoints = rejected.ToString(System.Globalization.CultureInfo.InvariantCulture), errorMessage = message } });
    }
}
