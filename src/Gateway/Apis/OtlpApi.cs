using Google.Protobuf;
using Microsoft.AspNetCore.Http.HttpResults;
using TokenFactoryTwin.Gateway.Ingest;
using TokenFactoryTwin.Gateway.Otlp;
using TokenFactoryTwin.Gateway.Security;
using TokenFactoryTwin.Gateway.Twin;

namespace TokenFactoryTwin.Gateway.Apis;

/// <summary>
/// OTLP/HTTP metrics (<c>POST /v1/metrics</c>), protobuf (<c>application/x-protobuf</c>, the SDKs' default) or JSON:
/// gauge and sum points under the same names and attributes as the Prometheus path. The answer is an
/// ExportMetricsServiceResponse with partial success, and a refusal a google.rpc.Status, in the request's encoding
/// (JSON refusals stay problem details, which OTLP/JSON clients read alike).
/// </summary>
public static class OtlpApi
{
    private const string JsonMediaType = "application/json";

    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default);

    public static IEndpointRouteBuilder MapOtlpApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/metrics", Post)
            .WithTags("Ingest")
            .RequireAuthorization(TwinRoles.IngestPolicy)
            .RequireRateLimiting(SecurityExtensions.WritePolicy)
            .WithSummary("OTLP/HTTP metrics (ExportMetricsServiceRequest), application/x-protobuf or application/json, gzip or plain.");
        return app;
    }

    private static async Task<IResult> Post(HttpContext context, TwinLocator twin, RequestBodyReader reader, OtlpIngestor ingestor)
    {
        var mediaType = context.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (mediaType is not (JsonMediaType or ProtobufResult.MediaType))
        {
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: $"Content-Type '{mediaType}' is not OTLP/HTTP; send application/x-protobuf or application/json.");
        }

        var protobuf = mediaType == ProtobufResult.MediaType;
        var result = await twin.WithTelemetry(context, reader, async (facility, body) =>
        {
            var (reply, unusable) = await ingestor.Ingest(facility, body.Bytes, protobuf);
            if (reply is null)
            {
                return TwinResults.BadRequest(unusable!);
            }

            var response = OtlpResponses.Of(reply);
            return protobuf
                ? new ProtobufResult(response)
                : Results.Text(Json.Format(response), JsonMediaType);
        });
        return protobuf && result is ProblemHttpResult problem ? AsStatus(context, problem) : result;
    }

    /// <summary>A refusal as OTLP/HTTP protobuf clients expect it: the same status code, a Status message for a body.</summary>
    private static ProtobufResult AsStatus(HttpContext context, ProblemHttpResult problem)
    {
        var code = problem.StatusCode;
        var status = OtlpResponses.Status(OtlpResponses.CodeOf(code), problem.ProblemDetails.Detail ?? problem.ProblemDetails.Title ?? "",
            OtlpResponses.RetryAfter(context.Response));
        return new ProtobufResult(status, code);
    }
}
