using Google.Protobuf;

namespace TokenFactoryTwin.Gateway.Otlp;

/// <summary>A protobuf message as an HTTP answer, with the status code given (OTLP sends a Status body with its 4xx and 5xx).</summary>
public sealed class ProtobufResult(IMessage message, int statusCode = StatusCodes.Status200OK) : IResult
{
    public const string MediaType = "application/x-protobuf";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var bytes = message.ToByteArray();
        httpContext.Response.StatusCode = statusCode;
        httpContext.Response.ContentType = MediaType;
        httpContext.Response.ContentLength = bytes.Length;
        await httpContext.Response.Body.WriteAsync(bytes, httpContext.RequestAborted);
    }
}
