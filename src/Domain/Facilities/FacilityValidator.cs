using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Domain.Catalog;
using TokenFactoryTwin.Domain.Simulation;

namespace TokenFactoryTwin.Domain.Facilities;

/// <summary>
/// Every mistake a facility file can hold, each in words that name the thing and the id: duplicate ids,
/// dangling power nodes, racks on no feed, negative ratings, unknown catalog ids, cycles on the power path.
/// </summary>
public static class FacilityValidator
{
    private static readonly string[] Coolings = ["air", "liquid"];
    private static readonly string[] Sides = ["A", "B"];
    private static readonly string[] CurveKinds = ["constant", "diurnal", "trace"];

    public static IReadOnlyList<string> Validate(FacilitySpec spec, TwinCatalog catalog)
    {
        var problems = new List<string>();
        CheckId(problems, "facility", spec.Id);
        if (string.IsNullOrWhiteSpace(spec.Name))
        {
            problems.Add("facility: name is required");
        }

        var halls = Unique(problems, "hall", spec.Halls.Select(h => h.Id));
        var nodes = Unique(problems, "power node", spec.PowerNodes.Select(n => n.Id));
        var racks = Unique(problems, "rack", spec.Racks.Select(r => r.Id));
        var spines = Unique(problems, "spine switch", spec.Spines.Select(s => s.Id));
        Unique(problems, "network link", spec.Links.Select(l => l.Id));

        foreach (var hall in spec.Halls)
        {
            CheckHall(problems, hall);
        }

        foreach (var node in spec.PowerNodes)
        {
            CheckPowerNode(problems, node, nodes);
        }

        CheckPowerCycles(problems, spec.PowerNodes);
        var hallById = spec.Halls.Where(h => h.Id is not null).GroupBy(h => h.Id).ToDictionary(g => g.Key, g => g.First());
        var positions = new HashSet<(string, int, int)>();
        foreach (var rack in spec.Racks)
        {
            CheckRack(problems, rack, hallById, nodes, catalog);
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
            CheckId(problems, "network link", link.Id);
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
        CheckRack(problems, rack, halls, nodes, catalog);
        return problems;
    }

    private static void CheckHall(List<string> problems, HallSpec hall)
    {
        CheckId(problems, "hall", hall.Id);
        if (!Coolings.Contains(hall.Cooling))
        {
            problems.Add($"hall '{hall.Id}': cooling '{hall.Cooling}' is not one of {string.Join(", ", Coolings)}");
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

    private static void CheckPowerNode(List<string> problems, PowerNodeSpec node, HashSet<string> nodes)
    {
        CheckId(problems, "power node", node.Id);
        if (node.RatingKw <= 0 || double.IsNaN(node.RatingKw))
        {
            problems.Add($"power node '{node.Id}': ratingKw {node.RatingKw} must be positive");
        }

        if (node.ContinuousLoadFraction is <= 0 or > 1)
        {
            problems.Add($"power node '{node.Id}': continuousLoadFraction {node.ContinuousLoadFraction} must be in (0, 1]");
        }

        if (!Sides.Contains(node.Side))
        {
            problems.Add($"power node '{node.Id}': side '{node.Side}' is not A or B");
        }

        if (node.Upstream is not null && !nodes.Contains(node.Upstream))
        {
            problems.Add($"power node '{node.Id}': upstream '{node.Upstream}' is not a power node of this facility");
        }

        if (node.Upstream is null && node.Kind != PowerNodeKind.UtilityFeed)
        {
            problems.Add($"power node '{node.Id}': a {node.Kind} needs an upstream node; only a utilityFeed stands at the top");
        }
    }

    private static void CheckPowerCycles(List<string> problems, IReadOnlyList<PowerNodeSpec> nodes)
    {
        var upstream = nodes.Where(n => n.Id is not null).GroupBy(n => n.Id).ToDictionary(g => g.Key, g => g.First().Upstream);
        foreach (var start in upstream.Keys)
        {
            var seen = new HashSet<string>();
            for (var id = start; id is not null && upstream.TryGetValue(id, out var next); id = next)
            {
                if (!seen.Add(id))
                {
                    problems.Add($"power node '{start}': its upstream chain loops back to '{id}'");
                    break;
                }
            }
        }
    }

    private static void CheckRack(List<string> problems, RackSpec rack, Dictionary<string, HallSpec> halls, HashSet<string> nodes, TwinCatalog catalog)
    {
        CheckId(problems, "rack", rack.Id);
        var where = $"rack '{rack.Id}'";
        if (rack.Hall is null || !halls.TryGetValue(rack.Hall, out var hall))
        {
            problems.Add($"{where}: hall '{rack.Hall}' is not a hall of this facility");
            hall = null;
        }

        var type = rack.RackType is null ? null : catalog.FindRackType(rack.RackType);
        if (type is null)
        {
            problems.Add($"{where}: rack type '{rack.RackType}' is not in the catalog (known: {string.Join(", ", catalog.RackTypes.Select(t => t.Id))})");
        }
        else if (hall is not null && type.Cooling == "liquid" && hall.Cooling != "liquid")
        {
            problems.Add($"{where}: rack type '{type.Id}' needs liquid cooling but hall '{hall.Id}' is {hall.Cooling}-cooled");
        }

        if (rack.Row < 0 || rack.Position < 0)
        {
            problems.Add($"{where}: row and position must not be negative (got row {rack.Row}, position {rack.Position})");
        }

        if (string.IsNullOrWhiteSpace(rack.PowerA))
        {
            problems.Add($"{where}: is on no feed (powerA is required)");
        }
        else if (!nodes.Contains(rack.PowerA))
        {
            problems.Add($"{where}: powerA '{rack.PowerA}' is not a power node of this facility");
        }

        if (rack.PowerB is not null && !nodes.Contains(rack.PowerB))
        {
            problems.Add($"{where}: powerB '{rack.PowerB}' is not a power node of this facility");
        }

        if (rack.PowerB is not null && rack.PowerB == rack.PowerA)
        {
            problems.Add($"{where}: powerA and powerB are the same node '{rack.PowerA}'; a second cord on the same node adds no redundancy");
        }

        CheckSource(problems, where, rack.Source, type);
        if (type is not null && rack.Workload is { } workload)
        {
            if (catalog.FindModel(workload.Model) is null)
            {
                problems.Add($"{where}: model '{workload.Model}' is not in the catalog (known: {string.Join(", ", catalog.Models.Select(m => m.Id))})");
            }
            else if (catalog.ResolveOperatingPoint(workload, type.Gpu) is null)
            {
                problems.Add($"{where}: workload: {catalog.WhyUnresolved(workload, type.Gpu)}");
            }
        }
    }

    private static void CheckSource(List<string> problems, string where, TelemetrySourceSpec? source, RackTypeSpec? type)
    {
        if (source is null)
        {
            problems.Add($"{where}: source is required ({{ \"kind\": \"simulated\" }} or {{ \"kind\": \"live\", \"hosts\": [...] }})");
            return;
        }

        if (source.Kind == TelemetrySourceKinds.Live)
        {
            var hosts = source.Hosts ?? [];
            if (hosts.Any(h => string.IsNullOrWhiteSpace(h.Hostname) || h.Gpus <= 0))
            {
                problems.Add($"{where}: every live host needs a hostname and a positive number of GPUs");
            }

            if (hosts.Select(h => h.Hostname).Distinct().Count() != hosts.Count)
            {
                problems.Add($"{where}: a host is listed twice");
            }

            var gpus = hosts.Sum(h => Math.Max(0, h.Gpus));
            if (type is not null && gpus > type.GpusPerRack)
            {
                problems.Add($"{where}: its hosts hold {gpus} GPUs but a '{type.Id}' rack has {type.GpusPerRack}");
            }
        }
        else if (source.Kind != TelemetrySourceKinds.Simulated)
        {
            problems.Add($"{where}: source kind '{source.Kind}' is not simulated or live");
        }

        if (source.Load is { } load)
        {
            if (!CurveKinds.Contains(load.Kind))
            {
                problems.Add($"{where}: load curve kind '{load.Kind}' is not one of {string.Join(", ", CurveKinds)}");
            }

            if (load.Kind == "trace" && (load.Trace is null || !TraceLibrary.Exists(load.Trace)))
            {
                problems.Add($"{where}: trace '{load.Trace}' is not in the catalog (known: {string.Join(", ", TraceLibrary.Names)})");
            }

            if (load.Level is < 0 or > 1 || load.Min is < 0 or > 1 || load.Max is < 0 or > 1 || load.Min > load.Max)
            {
                problems.Add($"{where}: load levels must lie in 0..1 with min <= max");
            }
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
                if (catalog.FindGpu(gpu) is { } g && !g.UsdPerGpuHour.ContainsKey(cost.PriceTier))
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

    private static HashSet<string> Unique(List<string> problems, string what, IEnumerable<string?> ids)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ids.OfType<string>())
        {
            if (!seen.Add(id))
            {
                problems.Add($"{what} '{id}': the id is used twice");
            }
        }

        return seen;
    }

    private static void CheckId(List<string> problems, string what, string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            problems.Add($"{what}: an id is required");
        }
        else if (id.Contains(TwinKeys.Separator) || id.Any(char.IsWhiteSpace))
        {
            problems.Add($"{what} '{id}': ids may not contain '{TwinKeys.Separator}' or spaces");
        }
    }
}
