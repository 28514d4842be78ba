using TokenFactoryTwin.Gateway.Ingest;
using TokenFactoryTwin.Gateway.Security;
using TokenFactoryTwin.Gateway.Twin;

namespace TokenFactoryTwin.Gateway.Apis;

/// <summary>
/// Prometheus remote write 1.0 (<c>POST /api/v1/write</c>: a snappy-compressed protobuf WriteRequest), so a Prometheus
/// that already scrapes dcgm-exporter and the inference servers forwards their series with three lines of
/// <c>remote_write</c>. Answers as Prometheus reads them: 204 when every sample was applied; 400 with the reasons when
/// some never can be (the rest is applied; Prometheus drops the batch rather than retry it); 429 and 503 with
/// <c>Retry-After</c> when the gateway or the cluster is busy (Prometheus retries those).
/// </summary>
public static class RemoteWriteApi
{
    /// <summary>How many reasons the 400 names (Prometheus logs its body); the counts cover them all.</summary>
    private const int MaxErrorsInMessage = 10;

    public static IEndpointRouteBuilder MapRemoteWriteApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/write", Post)
            .WithTags("Ingest")
            .RequireAuthorization(TwinRoles.IngestPolicy)
            .RequireRateLimiting(SecurityExtensions.WritePolicy)
            .WithSummary("Prometheus remote write 1.0: a snappy-compressed protobuf WriteRequest; ?host= or ?endpoint= names the source of token counters without a host label.");
        return app;
    }

    private static async Task<IResult> Post(
        HttpContext context, TwinLocator twin, RequestBodyReader reader, RemoteWriteIngestor ingestor, string? host, string? endpoint)
    {
        var contentType = context.Request.ContentType ?? "";
        if (contentType.Contains("io.prometheus.write.v2.Request", StringComparison.OrdinalIgnoreCase))
        {
            // Remote write 2.0 senders fall back to 1.0 on 415.
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: "Remote write 2.0 (io.prometheus.write.v2.Request) is not supported; send remote write 1.0 (prometheus.WriteRequest).");
        }

        if (!contentType.StartsWith("application/x-protobuf", StringComparison.OrdinalIgnoreCase))
        {
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: $"Content-Type '{contentType}' is not remote write; send application/x-protobuf with Content-Encoding: snappy.");
        }

        if (host is not null && endpoint is not null)
        {
            return TwinResults.BadRequest("Name the source with ?host= or ?endpoint=, not both.");
        }

        return await twin.WithTelemetry(context, reader, async (facility, body) =>
        {
            var (reply, unusable) = await ingestor.Ingest(facility, body.Bytes, string.IsNullOrWhiteSpace(host) ? null : host, endpoint);
            if (reply is null)
            {
                return TwinResults.BadRequest(unusable!);
            }

            return reply.Rejected == 0
                ? Results.NoContent()
                : Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Samples refused",
                    detail: $"{reply.Rejected} samples refused, {reply.Accepted} applied: "
                        + string.Join("; ", reply.Errors.Take(MaxErrorsInMessage).Select(e => e.Host is null ? e.Reason : $"{e.Host}: {e.Reason}")),
                    extensions: new Dictionary<string, object?> { ["accepted"] = reply.Accepted, ["rejected"] = reply.Rejected, ["errors"] = reply.Errors });
        });
    }
}
