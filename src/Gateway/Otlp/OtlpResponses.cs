using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using TokenFactoryTwin.Gateway.Ingest;

namespace TokenFactoryTwin.Gateway.Otlp;

/// <summary>
/// What OTLP answers, built once for every transport: the ExportMetricsServiceResponse (empty when every point was
/// taken, else partial success with the rejected count and the first reasons), and the google.rpc.Status of a
/// refused request (with RetryInfo when the client should come back).
/// </summary>
public static class OtlpResponses
{
    /// <summary>How many refusals the partial-success message names; the count covers them all.</summary>
    private const int MaxErrorsInMessage = 10;

    public static ExportMetricsServiceResponse Of(IngestReply reply)
    {
        // Unreadable points, refused series and samples the twin refused all count as rejected data points.
        var response = new ExportMetricsServiceResponse();
        if (reply.Rejected > 0)
        {
            response.PartialSuccess = new ExportMetricsPartialSuccess
            {
                RejectedDataPoints = reply.Rejected,
                ErrorMessage = string.Join("; ", reply.Errors.Take(MaxErrorsInMessage).Select(e => e.Host is null ? e.Reason : $"{e.Host}: {e.Reason}")),
            };
        }

        return response;
    }

    /// <summary>The gRPC status code of an HTTP refusal, as OTLP pairs them.</summary>
    public static Grpc.Core.StatusCode CodeOf(int httpStatus) => httpStatus switch
    {
        StatusCodes.Status429TooManyRequests => Grpc.Core.StatusCode.ResourceExhausted,
        StatusCodes.Status503ServiceUnavailable or StatusCodes.Status502BadGateway or StatusCodes.Status504GatewayTimeout => Grpc.Core.StatusCode.Unavailable,
        StatusCodes.Status408RequestTimeout => Grpc.Core.StatusCode.DeadlineExceeded,
        StatusCodes.Status401Unauthorized => Grpc.Core.StatusCode.Unauthenticated,
        StatusCodes.Status403Forbidden => Grpc.Core.StatusCode.PermissionDenied,
        StatusCodes.Status413PayloadTooLarge => Grpc.Core.StatusCode.ResourceExhausted,
        >= 500 => Grpc.Core.StatusCode.Internal,
        _ => Grpc.Core.StatusCode.InvalidArgument,
    };

    /// <summary>A google.rpc.Status; with <paramref name="retryAfter"/> it carries the RetryInfo OTLP clients honour.</summary>
    public static Google.Rpc.Status Status(Grpc.Core.StatusCode code, string message, TimeSpan? retryAfter = null)
    {
        var status = new Google.Rpc.Status { Code = (int)code, Message = message };
        if (retryAfter is { } delay)
        {
            status.Details.Add(Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(delay) }));
        }

        return status;
    }

    /// <summary>The Retry-After an HTTP answer carries, in seconds, if any.</summary>
    public static TimeSpan? RetryAfter(HttpResponse response) =>
        int.TryParse(response.Headers.RetryAfter.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : null;
}
