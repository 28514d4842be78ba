using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Domain.Catalog;
using TokenFactoryTwin.Domain.Performance.Leaks;
using TokenFactoryTwin.Gateway.Twin;

namespace TokenFactoryTwin.Gateway.Apis;

/// <summary>
/// Measured against modelled, live: what every rack delivers against what its GPUs should deliver at its workload,
/// rolled up per hall and for the facility — where the denominator of cost per token leaks.
/// </summary>
public static class EfficiencyApi
{
    public static IEndpointRouteBuilder MapEfficiencyApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api").WithTags("Throughput")
            .MapGet("/efficiency", GetEfficiency)
            .WithSummary("Per rack, hall and facility: measured tokens/s against what the throughput model says the same GPUs deliver at their workload, and the tokens/s and $/h left on the table.");
        return app;
    }

    private static Task<IResult> GetEfficiency(TwinLocator twin, TwinCatalog catalog, HttpContext context) =>
        twin.WithFacilityId(context, async facility =>
        {
            var racks = twin.Client.Reference<IFacilityKpiGrain>(TwinKeys.Facility(facility)).GetRacks();
            var topology = await twin.Client.Reference<IFacilityTopologyGrain>(TwinKeys.Facility(facility)).GetTopology();
            var workloads = (topology?.Racks ?? []).ToDictionary(r => r.Id, r => r.Workload, StringComparer.Ordinal);
            var tier = topology?.CostModel is { Kind: CostModelKinds.PriceTier } cost ? cost.PriceTier : ThroughputApi.DefaultPriceTier;
            var demand = (await racks).Select(r => new RackDemand(r.RackId, r.Hall, r.Gpu, r.GpusReporting, r.Source, r.TokensPerSecond,
                workloads.GetValueOrDefault(r.RackId), r.OutputTokensPerSecond, r.RunningRequests));
            return Results.Ok(LeakCalculator.Compute(demand, catalog, tier));
        });
}
