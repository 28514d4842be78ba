using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Domain.Catalog;

namespace TokenFactoryTwin.Domain.Facilities;

/// <summary>
/// Every mistake a facility file can hold, each in words that name the thing and the id: duplicate ids,
/// dangling power nodes, racks on no feed, negative ratings, unknown catalog ids, cycles on the power path.
/// </summary>
public static class FacilityValidator
{
    public static IReadOnlyList<string> Validate(FacilitySpec spec, TwinCatalog catalog)
    {
        var problems = new List<string>();
        IdChecks.Check(problems, "facility", spec.Id);
        if (string.IsNullOrWhiteSpace(spec.Name))
        {
            problems.Add("facility: name is required");
        }

        var halls = IdChecks.Unique(problems, "hall", spec.Halls.Select(h => h.Id));
        var nodes = IdChecks.Unique(problems, "power node", spec.PowerNodes.Select(n => n.Id));
        var racks = IdChecks.Unique(problems, "rack", spec.Racks.Select(r => r.Id));
        var spines = IdChecks.Unique(problems, "spine switch", spec.Spines.Select(s => s.Id));
        IdChecks.Unique(problems, "network link", spec.Links.Select(l => l.Id));

        foreach (var hall in spec.Halls)
        {
            CheckHall(problems, hall);
        }

        foreach (var node in spec.PowerNodes)
        {
            PowerTreeChecks.CheckNode(problems, node, nodes);
        }

        PowerTreeChecks.CheckCycles(problems, spec.PowerNodes);
        var hallById = spec.Halls.Where(h => h.Id is not null).GroupBy(h => h.Id).ToDictionary(g => g.Key, g => g.First());
        var positions = new HashSet<(string, int, int)>();
        foreach (var rack in spec.Racks)
        {
            RackChecks.Check(problems, rack, hallById, nodes, catalog);
            if (rack.Hall is not null && !positions.Add((rack.Hall, rack.Row, rack.Position)))
            {
                problems.Add($"rack '{rack.Id}': hall '{rack.Hall}' row {rack.Row} position {rack.Position} is already taken by another rack");
            }
        }

        foreach (var spine in spec.Spines)
        {
            if (spine.Ports <= 0 || spine.PortGbps <= 0)
            {
                problems.Add($"spine switch '{spine.Id}': ports and portGbps must be positive (got {spine.Ports} ports of {spine.PortGbps} Gb/s)");
            }
        }

        foreach (var link in spec.Links)
        {
            IdChecks.Check(problems, "network link", link.Id);
            if (link.Rack is null || !racks.Contains(link.Rack))
            {
                problems.Add($"network link '{link.Id}': rack '{link.Rack}' is not a rack of this facility");
            }

            if (link.Spine is null || !spines.Contains(link.Spine))
            {
                problems.Add($"network link '{link.Id}': spine '{link.Spine}' is not a spine switch of this facility");
            }

            if (link.CapacityGbps <= 0 || link.Count <= 0)
            {
                problems.Add($"network link '{link.Id}': capacityGbps and count must be positive (got {link.Count} x {link.CapacityGbps} Gb/s)");
            }
        }

        CheckCostModel(problems, spec, catalog);
        return problems;
    }

    /// <summary>Checks one rack against an existing facility (for racks registered at run time).</summary>
    public static IReadOnlyList<string> ValidateRack(RackSpec rack, FacilitySpec facility, TwinCatalog catalog)
    {
        var problems = new List<string>();
        var halls = facility.Halls.ToDictionary(h => h.Id);
        var nodes = facility.PowerNodes.Select(n => n.Id).ToHashSet();
        RackChecks.Check(problems, rack, halls, nodes, catalog);
        return problems;
    }

    private static void CheckHall(List<string> problems, HallSpec hall)
    {
        IdChecks.Check(problems, "hall", hall.Id);
        if (!CoolingKinds.All.Contains(hall.Cooling))
        {
            problems.Add($"hall '{hall.Id}': cooling '{hall.Cooling}' is not one of {string.Join(", ", CoolingKinds.All)}");
        }

        if (hall.Pue is < 1 or > 3)
        {
            problems.Add($"hall '{hall.Id}': PUE {hall.Pue} is outside 1.0..3.0");
        }

        if (hall.CoolingCapacityKw is <= 0)
        {
            problems.Add($"hall '{hall.Id}': coolingCapacityKw {hall.CoolingCapacityKw} must be positive");
        }
    }

    private static void CheckCostModel(List<string> problems, FacilitySpec spec, TwinCatalog catalog)
    {
        var cost = spec.CostModel;
        var rackTypes = spec.Racks.Select(r => r.RackType).Where(t => t is not null).Distinct().ToList();
        if (cost.Kind == CostModelKinds.PriceTier)
        {
            foreach (var gpu in rackTypes.Select(t => catalog.FindRackType(t)?.Gpu).OfType<string>().Distinct())
            {
                if (catalog.FindGpu(gpu) is { } g && !g.UsdPerGpuHour.ContainsKey(cost.PriceTier ?? ""))
                {
                    problems.Add($"costModel: price tier '{cost.PriceTier}' has no price for GPU '{gpu}' (known tiers: {string.Join(", ", g.UsdPerGpuHour.Keys)})");
                }
            }
        }
        else if (cost.Kind == CostModelKinds.Tco)
        {
            if (cost.LifeYears <= 0 || cost.EnergyUsdPerMWh < 0 || cost.OpexUsdPerYear < 0)
            {
                problems.Add("costModel: lifeYears must be positive, energyUsdPerMWh and opexUsdPerYear not negative");
            }

            foreach (var type in rackTypes.Where(t => cost.CapexUsdPerRack?.ContainsKey(t) != true))
            {
                problems.Add($"costModel: capexUsdPerRack has no price for rack type '{type}'");
            }
        }
        else
        {
            problems.Add($"costModel: kind '{cost.Kind}' is not {CostModelKinds.PriceTier} or {CostModelKinds.Tco}");
        }
    }
}
