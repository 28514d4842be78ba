using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Gateway.Twin;

namespace TokenFactoryTwin.Gateway.Apis;

/// <summary>
/// Which silos form the twin's cluster, how many grains (and racks) each holds, and where the facility grain runs:
/// for operators and fault drills, and to see a cluster share its racks.
/// </summary>
public static class ClusterApi
{
    public static IEndpointRouteBuilder MapClusterApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/cluster", GetCluster)
            .WithTags("Cluster")
            .WithSummary("The cluster's silos with their status and the activations and racks each holds, and the silo the facility grain runs on.");
        return app;
    }

    private static async Task<IResult> GetCluster(TwinLocator twin)
    {
        var management = twin.Client.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetHosts(onlyActive: false);
        var statistics = await management.GetSimpleGrainStatistics();
        var facility = await twin.Facility<IFacilityKpiGrain>();
        int Count(SiloAddress silo, bool racksOnly) => statistics
            .Where(s => s.SiloAddress.Equals(silo) && (!racksOnly || s.GrainType.Contains(".RackGrain", StringComparison.Ordinal)))
            .Sum(s => s.ActivationCount);
        return Results.Ok(new
        {
            silos = hosts.Select(h => new
            {
                address = h.Key.ToString(),
                endpoint = h.Key.Endpoint.ToString(),
                status = h.Value.ToString(),
                activations = Count(h.Key, racksOnly: false),
                racks = Count(h.Key, racksOnly: true),
            }),
            facilitySilo = facility is null ? null : await facility.GetHostingSilo(),
        });
    }
}
