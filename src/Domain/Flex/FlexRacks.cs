using TokenFactoryTwin.Abstractions.Planning;
using TokenFactoryTwin.Domain.Catalog;
using TokenFactoryTwin.Domain.Facilities;
using TokenFactoryTwin.Domain.Performance.PowerCap;
using TokenFactoryTwin.Domain.Planning;

namespace TokenFactoryTwin.Domain.Flex;

/// <summary>The racks of a scenario a flex plan can cap: reporting, with a GPU the catalog knows, each with its priority and floor.</summary>
public static class FlexRacks
{
    public static List<(FlexRack Rack, PlannedRack Planned)> From(PlanModel model, IReadOnlyList<FlexPriority>? priorities, TwinCatalog catalog)
    {
        var pue = model.Halls.ToDictionary(h => h.Id, h => h.Pue, StringComparer.Ordinal);
        var byModel = (priorities ?? []).GroupBy(p => p.Model, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        var racks = new List<(FlexRack, PlannedRack)>(model.Racks.Count);
        foreach (var planned in model.Racks)
        {
            if (RackCapping.Curve(planned, catalog) is not { } curve || curve.NaturalW <= curve.IdleW)
            {
                continue;
            }

            var priority = byModel.GetValueOrDefault(planned.Workload?.Model ?? RackProfiles.DefaultModel);
            var minSpeed = priority?.MinInteractivity is { } floor ? floor / StepMixes.Interactivity(planned.Workload) : 0;
            var start = Math.Min(planned.CapWPerGpu ?? curve.RatedW, curve.NaturalW);
            racks.Add((new FlexRack(racks.Count, curve, planned.Natural.GpusReporting, planned.Natural.TokensPerSecond,
                pue.GetValueOrDefault(planned.Hall, 1), start, priority?.Priority ?? 0, minSpeed), planned));
        }

        return racks;
    }
}
