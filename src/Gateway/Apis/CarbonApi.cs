using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Abstractions.Kpis;
using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Domain.Carbon;
using TokenFactoryTwin.Gateway.Carbon;
using TokenFactoryTwin.Gateway.Twin;

namespace TokenFactoryTwin.Gateway.Apis;

/// <summary>Energy and carbon per token, live, per hall and over the history, at the grid intensity the facility file gives.</summary>
public static class CarbonApi
{
    public static IEndpointRouteBuilder MapCarbonApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/carbon", GetCarbon)
            .WithTags("Twin")
            .WithSummary("Joules per token and grams of CO2 per million tokens for the facility and each hall, now and over the history, at the grid's carbon intensity (a constant or an hourly series from the facility file).");
        app.MapGet("/api/halls/{id}/carbon", GetHallCarbon)
            .WithTags("Twin")
            .WithSummary("One hall's last hour of joules per token and grams of CO2 per million tokens, each point at the grid's intensity of its own moment (404 for a hall the facility does not have).");
        return app;
    }

    private static Task<IResult> GetCarbon(TwinLocator twin, HttpContext context) =>
        twin.WithFacility<IFacilityKpiGrain>(context, async facility =>
        {
            var carbon = facility.AsReference<IFacilityTopologyGrain>().GetCarbon();
            var kpis = facility.GetKpis();
            var halls = facility.GetHalls();
            var history = facility.GetHistory();
            var spec = await carbon;
            var now = (await kpis).AsOf;
            var grams = CarbonIntensity.GramsPerKwhAt(spec, now);
            return Results.Ok(new CarbonView(
                now,
                grams,
                CarbonIntensity.Source(spec, now),
                Figures(await kpis, grams),
                (await halls).Select(h => Figures(h, grams)).ToList(),
                (await history).Select(p => Point(p, spec)).ToList()));
        });

    private static Task<IResult> GetHallCarbon(string id, TwinLocator twin, HttpContext context) =>
        twin.WithFacilityId(context, async facilityId =>
        {
            var facility = twin.Client.Reference<IFacilityKpiGrain>(TwinKeys.Facility(facilityId));
            if (!(await facility.GetHalls()).Any(h => h.Id == id))
            {
                return TwinResults.NotFound($"No hall '{id}' in facility '{facilityId}'.");
            }

            var spec = await facility.AsReference<IFacilityTopologyGrain>().GetCarbon();
            var history = await twin.Client.Reference<IHallGrain>(TwinKeys.Hall(facilityId, id)).GetHistory();
            return Results.Ok(history.Select(p => Point(p, spec)).ToList());
        });

    private static CarbonFigures Figures(TwinKpis kpis, double? grams) => new(
        kpis.Id, kpis.Name, kpis.TokensPerSecond, kpis.FacilityPowerKw,
        CarbonIntensity.JoulesPerToken(kpis.FacilityPowerKw, kpis.TokensPerSecond),
        CarbonIntensity.GramsPerMillionTokens(kpis.FacilityPowerKw, kpis.TokensPerSecond, grams));

    private static CarbonPoint Point(KpiPoint point, CarbonSpec? spec)
    {
        var grams = CarbonIntensity.GramsPerKwhAt(spec, point.AsOf);
        return new CarbonPoint(point.AsOf, grams, CarbonIntensity.JoulesPerToken(point.FacilityPowerKw, point.TokensPerSecond),
            CarbonIntensity.GramsPerMillionTokens(point.FacilityPowerKw, point.TokensPerSecond, grams));
    }
}
