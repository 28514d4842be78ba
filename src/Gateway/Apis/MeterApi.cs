using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Domain.Telemetry.Meters;
using TokenFactoryTwin.Gateway.Twin;

namespace TokenFactoryTwin.Gateway.Apis;

/// <summary>
/// Metered next to modelled: each power node's metered load beside the load the twin computes from its racks,
/// each link's measured traffic and port states beside its modelled traffic, and the facility meter's measured PUE.
/// </summary>
public static class MeterApi
{
    public static IEndpointRouteBuilder MapMeterApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/meters", GetMeters)
            .WithTags("Twin")
            .WithSummary("Metered power per node and for the facility (measured PUE), measured link traffic and port states, next to the modelled figures.");
        return app;
    }

    private static Task<IResult> GetMeters(TwinLocator twin, HttpContext context) =>
        twin.WithFacilityId(context, async id =>
        {
            var facility = twin.Client.Reference<IFacilityKpiGrain>(TwinKeys.Facility(id));
            var kpis = await facility.GetKpis();
            var power = await facility.GetPower();
            var links = await facility.GetLinks();
            IMeterGrain Meter(string target) => twin.Client.Reference<IMeterGrain>(TwinKeys.Meter(id, target));
            var nodeMeters = await Task.WhenAll(power.Select(p => Meter(MeterKinds.PowerNodeTarget(p.Id)).GetStatus()));
            var linkMeters = await Task.WhenAll(links.Select(l => Meter(MeterKinds.LinkTarget(l.Id)).GetStatus()));
            var site = await Meter(MeterKinds.FacilityTarget).GetStatus();
            return Results.Ok(new
            {
                facility = new
                {
                    meteredKw = site?.PowerKw,
                    itPowerKw = kpis.ItPowerKw,
                    modelledPue = kpis.Pue,
                    measuredPue = site?.PowerKw is { } metered && kpis.ItPowerKw > 0 ? metered / kpis.ItPowerKw : (double?)null,
                    asOf = site?.AsOf,
                },
                powerNodes = power.Select((p, i) => new
                {
                    id = p.Id,
                    computedLoadKw = p.LoadKw,
                    meteredKw = nodeMeters[i]?.PowerKw,
                    deratedKw = p.DeratedKw,
                    asOf = nodeMeters[i]?.AsOf,
                }),
                links = links.Select((l, i) => new
                {
                    id = l.Id,
                    capacityGbps = l.CapacityGbps * l.Count,
                    modelledTrafficGbps = l.TrafficGbps,
                    measuredInGbps = linkMeters[i]?.InGbps,
                    measuredOutGbps = linkMeters[i]?.OutGbps,
                    portsUp = linkMeters[i]?.PortsUp,
                    portsDown = linkMeters[i]?.PortsDown,
                    asOf = linkMeters[i]?.AsOf,
                }),
            });
        });
}
