using Microsoft.AspNetCore.Diagnostics;

namespace TokenFactoryTwin.Gateway.Hosting;

/// <summary>
/// Turns "the cluster cannot answer now" — no silo reachable, a silo lost mid-call, a grain call past its timeout,
/// the store unavailable — into 503 with <c>Retry-After</c>, so clients back off and retry instead of seeing a 500.
/// </summary>
public sealed partial class ClusterUnavailableHandler(IProblemDetailsService problems, ILogger<ClusterUnavailableHandler> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 2;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsClusterUnavailable(exception))
        {
            return false;
        }

        LogUnavailable(logger, httpContext.Request.Path, exception.GetType().Name, exception.Message);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The twin's cluster is unavailable",
                // Not "was not applied": a call that timed out, or whose silo was lost mid-call, may have been applied
                // (an overloaded soak run saw a timed-out scenario create stay created). Say what is safe to repeat.
                Detail = $"The cluster could not confirm the request, so it may or may not have been applied; retry in {RetryAfterSeconds} s. " +
                    $"Telemetry and changes sent with If-Match are safe to repeat; read back what a create made before repeating it. ({exception.GetType().Name})",
            },
        });
    }

    public static bool IsClusterUnavailable(Exception exception) => exception switch
    {
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsClusterUnavailable),
        TimeoutException or SiloUnavailableException or OrleansMessageRejectionException or Orleans.Runtime.Messaging.ConnectionFailedException
            or Orleans.Storage.InconsistentStateException => true,
        OrleansException { InnerException: { } inner } => IsClusterUnavailable(inner),
        OrleansException => true,
        // The store's own errors (Redis down or timing out), as the silo's storage provider or the Redis client raise them.
        _ when exception.GetType().FullName is { } name
            && (name.StartsWith("StackExchange.Redis.Redis", StringComparison.Ordinal) || name == "Orleans.Persistence.Redis.RedisStorageException") => true,
        _ => exception.InnerException is { } inner && IsClusterUnavailable(inner),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Path}: the cluster is unavailable ({Kind}): {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string path, string kind, string reason);
}
