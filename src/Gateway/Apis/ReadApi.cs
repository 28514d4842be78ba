using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Abstractions.Kpis;
using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Domain.Catalog;
using TokenFactoryTwin.Domain.Facilities;
using TokenFactoryTwin.Gateway.Twin;

namespace TokenFactoryTwin.Gateway.Apis;

/// <summary>The read API: what the grains already hold, as JSON. Nothing here walks the twin per request.</summary>
public static class ReadApi
{
    public static IEndpointRouteBuilder MapReadApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Twin");

        api.MapGet("/facility", GetFacility)
            .WithSummary("Facility KPIs: tokens/s, power, tokens/s per MW (measured and provisioned), cost per million tokens.");
        api.MapGet("/halls", GetHalls)
            .WithSummary("The same KPIs per hall.");
        api.MapGet("/racks", GetRacks)
            .WithSummary("Every rack with its latest figures.");
        api.MapGet("/racks/{id}", GetRack)
            .WithSummary("One rack: its figures, spec, GPUs, links and recent history.");
        api.MapGet("/gpus/{id}", GetGpu)
            .WithSummary("One GPU's latest readings.");
        api.MapGet("/power", GetPower)
            .WithSummary("Every power node: load against derated rating, headroom, and load if its partner side were lost.");
        api.MapGet("/links", GetLinks)
            .WithSummary("Every rack uplink bundle: traffic against capacity.");
        api.MapGet("/history", GetHistory)
            .WithSummary("The facility's rolling window (the last hour, one point per flush period); a stretch without points is a gap.");
        api.MapGet("/history/day", GetDayHistory)
            .WithSummary("The facility's last day, one point per minute (each the mean of its minute).");
        api.MapGet("/halls/{id}/history", GetHallHistory)
            .WithSummary("One hall's last hour, one point per flush period (power is the hall's IT power × PUE).");
        api.MapGet("/halls/{id}/history/day", GetHallDayHistory)
            .WithSummary("One hall's last day, one point per minute.");
        api.MapGet("/topology", GetTopology)
            .WithSummary("The facility's topology as the twin holds it (declared plus registered).");
        return app;
    }

    private static Task<IResult> GetFacility(TwinLocator twin, HttpContext context) =>
        twin.WithFacility<IFacilityKpiGrain>(context, async f => Results.Ok(await f.GetKpis()));

    private static Task<IResult> GetHalls(TwinLocator twin, HttpContext context) =>
        twin.WithFacility<IFacilityKpiGrain>(context, async f => Results.Ok(await f.GetHalls()));

    private static Task<IResult> GetRacks(TwinLocator twin, HttpContext context) =>
        twin.WithFacility<IFacilityKpiGrain>(context, async f => Results.Ok((await f.GetRacks()).Select(RackView.From)));

    private static Task<IResult> GetPower(TwinLocator twin, HttpContext context) =>
        twin.WithFacility<IFacilityKpiGrain>(context, async f => Results.Ok(await f.GetPower()));

    private static Task<IResult> GetLinks(TwinLocator twin, HttpContext context) =>
        twin.WithFacility<IFacilityKpiGrain>(context, async f => Results.Ok(await f.GetLinks()));

    private static Task<IResult> GetHistory(TwinLocator twin, HttpContext context) =>
        twin.WithFacility<IFacilityKpiGrain>(context, async f => Results.Ok(await f.GetHistory()));

    private static Task<IResult> GetDayHistory(TwinLocator twin, HttpContext context) =>
        twin.WithFacility<IFacilityKpiGrain>(context, async f => Results.Ok(await f.GetDayHistory()));

    private static Task<IResult> GetHallHistory(string id, TwinLocator twin, HttpContext context) =>
        WithHall(id, twin, context, hall => hall.GetHistory());

    private static Task<IResult> GetHallDayHistory(string id, TwinLocator twin, HttpContext context) =>
        WithHall(id, twin, context, hall => hall.GetDayHistory());

    /// <summary>A hall of the facility, or 404: a hall grain of any other name would activate empty.</summary>
    private static Task<IResult> WithHall(string id, TwinLocator twin, HttpContext context, Func<IHallGrain, Task<IReadOnlyList<KpiPoint>>> read) =>
        twin.WithFacilityId(context, async facility =>
        {
            var halls = await twin.Client.Reference<IFacilityKpiGrain>(TwinKeys.Facility(facility)).GetHalls();
            return halls.Any(h => h.Id == id)
                ? Results.Ok(await read(twin.Client.Reference<IHallGrain>(TwinKeys.Hall(facility, id))))
                : TwinResults.NotFound($"No hall '{id}' in facility '{facility}'.");
        });

    private static Task<IResult> GetTopology(TwinLocator twin, HttpContext context) =>
        twin.WithFacility<IFacilityTopologyGrain>(context, async f => Results.Ok(await f.GetTopology()));

    private static Task<IResult> GetRack(string id, TwinLocator twin, TwinCatalog catalog, HttpContext context) =>
        twin.WithFacilityId(context, async facility =>
        {
            var detail = await twin.Client.Reference<IRackGrain>(TwinKeys.Rack(facility, id)).GetDetail();
            return detail is null
                ? TwinResults.NotFound($"No rack '{id}' in facility '{facility}'.")
                : Results.Ok(new
                {
                    rack = RackView.From(detail.Snapshot),
                    spec = detail.Spec,
                    operatingPoint = catalog.ResolveOperatingPoint(detail.Spec.Workload ?? new WorkloadSpec(RackProfiles.DefaultModel), detail.Snapshot.Gpu),
                    gpus = detail.GpuStatuses,
                    links = detail.Links,
                    recent = detail.Recent,
                });
        });

    private static Task<IResult> GetGpu(string id, TwinLocator twin, HttpContext context) =>
        twin.WithFacilityId(context, async facility =>
        {
            if (!GpuIds.TryParse(id, out var rack, out var index))
            {
                return TwinResults.NotFound($"'{id}' is not a GPU id; GPU ids read '<rack>-g<index>', e.g. 'h2-r1-01-g17'.");
            }

            var gpu = await twin.Client.Reference<IGpuGrain>(TwinKeys.Gpu(facility, rack, index)).GetStatus();
            return gpu is null ? TwinResults.NotFound($"No GPU {index} in rack '{rack}' of facility '{facility}'.") : Results.Ok(gpu);
        });
}
