using TokenFactoryTwin.Abstractions.Planning;
using TokenFactoryTwin.Domain.Catalog;

namespace TokenFactoryTwin.Domain.Planning;

/// <summary>Turns a baseline (topology + the racks' figures when it was taken) into a model changes can edit.</summary>
public static class PlanBuilder
{
    public static PlanModel FromBaseline(ScenarioBaseline baseline, TwinCatalog catalog)
    {
        var topology = baseline.Topology;
        var figures = baseline.Racks.GroupBy(r => r.RackId).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var links = topology.Links.ToLookup(l => l.Rack);
        var racks = new List<PlannedRack>(topology.Racks.Count);
        foreach (var rack in topology.Racks)
        {
            var measured = figures.GetValueOrDefault(rack.Id) ?? PlannedFigures.Silent(rack, PlannedFigures.Profile(rack, catalog), baseline.TakenAt);
            racks.Add(new PlannedRack(
                rack.Id, rack.Hall, rack.RackType, rack.Row, rack.Position, rack.PowerA, rack.PowerB, rack.Workload,
                LoadLevel: null,
                measured,
                links[rack.Id].Select(l => new RackUplink(l.Spine, l.Count)).ToList()));
        }

        return new PlanModel
        {
            FacilityId = topology.Id,
            Name = topology.Name,
            AsOf = baseline.TakenAt,
            Halls = [.. topology.Halls],
            PowerNodes = [.. topology.PowerNodes],
            Spines = [.. topology.Spines],
            Racks = racks,
            CostModel = topology.CostModel,
        };
    }
}
