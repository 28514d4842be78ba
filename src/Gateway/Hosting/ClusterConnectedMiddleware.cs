using TokenFactoryTwin.Gateway.Twin;

namespace TokenFactoryTwin.Gateway.Hosting;

/// <summary>
/// While the gateway has not reached the cluster yet, answers every request that needs it with the same 503 and
/// <c>Retry-After</c> a running gateway gives when its cluster is away; health, metrics and the static live view
/// answer as usual.
/// </summary>
public sealed class ClusterConnectedMiddleware(RequestDelegate next, ClusterConnection connection)
{
    private static readonly PathString[] WithoutCluster = ["/health", "/alive", "/ready", "/metrics", "/openapi"];

    public Task InvokeAsync(HttpContext context) =>
        connection.IsConnected || WithoutCluster.Any(p => context.Request.Path.StartsWithSegments(p))
            ? next(context)
            : TwinResults.Starting(context).ExecuteAsync(context);
}
