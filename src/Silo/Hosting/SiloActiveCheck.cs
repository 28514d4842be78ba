using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TokenFactoryTwin.Silo.Hosting;

/// <summary>
/// Ready once this silo is an active member of its cluster (it has joined and its start-up tasks, the facility's
/// start among them, have run); not ready while it joins or after it began to shut down.
/// </summary>
public sealed class SiloActiveCheck(IClusterMembershipService membership, ILocalSiloDetails silo) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"silo {silo.SiloAddress} is active")
            : HealthCheckResult.Degraded($"silo {silo.SiloAddress} is {status}"));
    }
}
