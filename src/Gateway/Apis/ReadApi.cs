using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Domain.Catalog;
using TokenFactoryTwin.Gateway.Twin;

namespace TokenFactoryTwin.Gateway.Apis;

/// <summary>The read API: what the grains already hold, as JSON. Nothing here walks the twin per request.</summary>
public static class ReadApi
{
    public static IEndpointRouteBuilder MapReadApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Twin");

        api.MapGet("/facility", (TwinLocator twin, HttpContext context) =>
            twin.WithFacility(context, async f => Results.Ok(await f.GetKpis())))
            .WithSummary("Facility KPIs: tokens/s, power, tokens/s per MW (measured and provisioned), cost per million tokens.");

        api.MapGet("/halls", (TwinLocator twin, HttpContext context) =>
            twin.WithFacility(context, async f => Results.Ok(await f.GetHalls())))
            .WithSummary("The same KPIs per hall.");

        api.MapGet("/racks", (TwinLocator twin, HttpContext context) =>
            twin.WithFacility(context, async f => Results.Ok((await f.GetRacks()).Select(RackView.From))))
            .WithSummary("Every rack with its latest figures.");

        api.MapGet("/racks/{id}", (string id, TwinLocator twin, TwinCatalog catalog, HttpContext context) =>
            twin.WithFacilityId(context, async facility =>
            {
                var detail = await twin.Client.GetGrain<IRackGrain>(TwinKeys.Rack(facility, id)).GetDetail();
                return detail is null
                    ? TwinResults.NotFound($"No rack '{id}' in facility '{facility}'.")
                    : Results.Ok(new
                    {
                        rack = RackView.From(detail.Snapshot),
                        spec = detail.Spec,
                        operatingPoint = catalog.ResolveOperatingPoint(
                            detail.Spec.Workload ?? new Abstractions.Topology.WorkloadSpec(Domain.Facilities.RackProfiles.DefaultModel), detail.Snapshot.Gpu),
                        gpus = detail.GpuStatuses,
                        links = detail.Links,
                        recent = detail.Recent,
                    });
            }))
            .WithSummary("One rack: its figures, spec, GPUs, links and recent history.");

        api.MapGet("/gpus/{id}", (string id, TwinLocator twin, HttpContext context) =>
            twin.WithFacilityId(context, async facility =>
            {
                if (!GpuIds.TryParse(id, out var rack, out var index))
                {
                    return TwinResults.NotFound($"'{id}' is not a GPU id; GPU ids read '<rack>-g<index>', e.g. 'h2-r1-01-g17'.");
                }

                var gpu = await twin.Client.GetGrain<IGpuGrain>(TwinKeys.Gpu(facility, rack, index)).GetStatus();
                return gpu is null ? TwinResults.NotFound($"No GPU {index} in rack '{rack}' of facility '{facility}'.") : Results.Ok(gpu);
            }))
            .WithSummary("One GPU's latest readings.");

        api.MapGet("/power", (TwinLocator twin, HttpContext context) =>
            twin.WithFacility(context, async f => Results.Ok(await f.GetPower())))
            .WithSummary("Every power node: load against derated rating, headroom, and load if its partner side were lost.");

        api.MapGet("/links", (TwinLocator twin, HttpContext context) =>
            twin.WithFacility(context, async f => Results.Ok(await f.GetLinks())))
            .WithSummary("Every rack uplink bundle: traffic against capacity.");

        api.MapGet("/history", (TwinLocator twin, HttpContext context) =>
            twin.WithFacility(context, async f => Results.Ok(await f.GetHistory())))
            .WithSummary("The facility's rolling window (the last hour, one point per flush period).");

        api.MapGet("/topology", (TwinLocator twin, HttpContext context) =>
            twin.WithFacility(context, async f => Results.Ok(await f.GetTopology())))
            .WithSummary("The facility's topology as the twin holds it (declared plus registered).");

        return app;
    }
}
