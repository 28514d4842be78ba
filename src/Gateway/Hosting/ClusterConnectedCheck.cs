using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TokenFactoryTwin.Gateway.Hosting;

/// <summary>Ready once the gateway's Orleans client has reached the cluster: before that every API call would be a 503 (see <see cref="Extensions.ReadyTag"/> for why not yet is Degraded).</summary>
public sealed class ClusterConnectedCheck(ClusterConnection connection) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(connection.IsConnected
            ? HealthCheckResult.Healthy("connected to the twin's cluster")
            : HealthCheckResult.Degraded("the twin's cluster is not reachable yet"));
}
