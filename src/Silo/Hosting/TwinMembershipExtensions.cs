using Orleans.Configuration;

namespace TokenFactoryTwin.Silo.Hosting;

public static class TwinMembershipExtensions
{
    /// <summary>
    /// Membership tuned so a dead silo is noticed within seconds rather than the default half minute or more: a probe
    /// every second that times out after one second, declared dead after three missed probes. Its grains then
    /// re-activate elsewhere, and the live view is stale for no longer than that plus two flush periods.
    /// </summary>
    public static ISiloBuilder UseTwinMembershipTimings(this ISiloBuilder silo) =>
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = TimeSpan.FromSeconds(1);
            o.NumMissedProbesLimit = 3;
            o.TableRefreshTimeout = TimeSpan.FromSeconds(2);
            o.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(10);
            o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);
        });
}
