using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Gateway.Twin;

namespace TokenFactoryTwin.Gateway.Apis;

/// <summary>Which silos form the twin's cluster and where the facility grain runs: for operators and fault drills.</summary>
public static class ClusterApi
{
    public static IEndpointRouteBuilder MapClusterApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/cluster", GetCluster)
            .WithTags("Cluster")
            .WithSummary("The cluster's silos with their status, and the silo the facility grain runs on.");
        return app;
    }

    private static async Task<IResult> GetCluster(TwinLocator twin)
    {
        var hosts = await twin.Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: false);
        var facility = await twin.Facility<IFacilityKpiGrain>();
        return Results.Ok(new
        {
            silos = hosts.Select(h => new { address = h.Key.ToString(), endpoint = h.Key.Endpoint.ToString(), status = h.Value.ToString() }),
            facilitySilo = facility is null ? null : await facility.GetHostingSilo(),
        });
    }
}
