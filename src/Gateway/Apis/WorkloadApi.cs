using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Abstractions.Kpis;
using TokenFactoryTwin.Gateway.Twin;

namespace TokenFactoryTwin.Gateway.Apis;

/// <summary>
/// Tokens, power and cost per tenant (Kubernetes namespace) and per served model, facility-wide and per hall, as the
/// facility derived them at its last flush.
/// </summary>
public static class WorkloadApi
{
    public static IEndpointRouteBuilder MapWorkloadApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Twin");
        api.MapGet("/tenants", GetTenants)
            .WithSummary("Per tenant (namespace), facility-wide and per hall: GPUs, tokens/s, power, shares, cost per hour and per million tokens.");
        api.MapGet("/models", GetModels)
            .WithSummary("The same per served model (the model_name inference servers report; a simulated rack's workload model).");
        return app;
    }

    private static Task<IResult> GetTenants(TwinLocator twin, HttpContext context) =>
        twin.WithFacility<IFacilityKpiGrain>(context, async f => Results.Ok(Shape(await f.GetWorkloads(), b => b.Tenants)));

    private static Task<IResult> GetModels(TwinLocator twin, HttpContext context) =>
        twin.WithFacility<IFacilityKpiGrain>(context, async f => Results.Ok(Shape(await f.GetWorkloads(), b => b.Models)));

    private static object Shape(FacilityWorkloads workloads, Func<WorkloadBreakdown, IReadOnlyList<WorkloadKpis>> lines) => new
    {
        asOf = workloads.AsOf,
        facility = lines(workloads.Facility),
        halls = workloads.Halls.Select(h => new { hall = h.Scope, lines = lines(h) }),
    };
}
