using TokenFactoryTwin.Abstractions.Planning;
using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Domain.Catalog;

namespace TokenFactoryTwin.Domain.Planning;

/// <summary>Changes to the power path, the halls and the economics. Each checks first and edits only when all is well.</summary>
internal static class SettingChanges
{
    public static void FailPowerNode(List<ChangeProblem> problems, PlanModel model, FailPowerNodeChange change)
    {
        if (string.IsNullOrWhiteSpace(change.Node))
        {
            problems.Add(new("node", "is required"));
        }
        else if (model.PowerNode(change.Node) is null)
        {
            problems.Add(new("node", $"'{change.Node}' is not a power node of this facility (known: {string.Join(", ", model.PowerNodes.Select(n => n.Id))})"));
        }
        else
        {
            model.Failed.Add(change.Node);
        }
    }

    public static void SetPue(List<ChangeProblem> problems, PlanModel model, SetPueChange change)
    {
        var hall = ChangeChecks.Hall(problems, "hall", change.Hall, model);
        ChangeChecks.Finite(problems, "pue", change.Pue, 1, 3);
        if (problems.Count == 0 && hall is not null)
        {
            model.Halls[model.Halls.IndexOf(hall)] = hall with { Pue = change.Pue };
        }
    }

    public static void SetEnergyPrice(List<ChangeProblem> problems, PlanModel model, SetEnergyPriceChange change)
    {
        ChangeChecks.Finite(problems, "usdPerMWh", change.UsdPerMWh, 0, 10_000, " $/MWh");
        if (problems.Count == 0)
        {
            model.CostModel = model.CostModel with { EnergyUsdPerMWh = change.UsdPerMWh };
        }
    }

    public static void SetCostModel(List<ChangeProblem> problems, PlanModel model, SetCostModelChange change, TwinCatalog catalog)
    {
        if (change.CostModel is not { } cost)
        {
            problems.Add(new("costModel", "is required"));
            return;
        }

        if (cost.Kind == CostModelKinds.PriceTier)
        {
            foreach (var gpu in model.Racks.Select(r => r.Figures.Gpu).Distinct().Select(catalog.FindGpu).OfType<GpuSpec>())
            {
                if (!gpu.UsdPerGpuHour.ContainsKey(cost.PriceTier ?? ""))
                {
                    problems.Add(new("costModel.priceTier", $"'{cost.PriceTier}' has no price for GPU '{gpu.Id}' (known tiers: {string.Join(", ", gpu.UsdPerGpuHour.Keys)})"));
                }
            }
        }
        else if (cost.Kind == CostModelKinds.Tco)
        {
            ChangeChecks.Finite(problems, "costModel.lifeYears", cost.LifeYears, 0.5, 50, " years");
            ChangeChecks.Finite(problems, "costModel.energyUsdPerMWh", cost.EnergyUsdPerMWh, 0, 10_000, " $/MWh");
            ChangeChecks.Finite(problems, "costModel.opexUsdPerYear", cost.OpexUsdPerYear, 0, 1e12, " $");
            foreach (var (type, capex) in cost.CapexUsdPerRack ?? new Dictionary<string, double>())
            {
                if (catalog.FindRackType(type) is null)
                {
                    problems.Add(new($"costModel.capexUsdPerRack.{type}", "is not a rack type in the catalog"));
                }

                ChangeChecks.Finite(problems, $"costModel.capexUsdPerRack.{type}", capex, 0, 1e9, " $");
            }
        }
        else
        {
            problems.Add(new("costModel.kind", $"'{cost.Kind}' is not {CostModelKinds.PriceTier} or {CostModelKinds.Tco}"));
        }

        if (problems.Count == 0)
        {
            model.CostModel = cost;
        }
    }

    public static void SetWorkload(List<ChangeProblem> problems, PlanModel model, SetWorkloadChange change, TwinCatalog catalog)
    {
        List<int> targets = [];
        if ((change.Racks is null) == (change.Hall is null))
        {
            problems.Add(new("racks", "give either racks or hall, not both and not neither"));
        }
        else if (change.Hall is not null)
        {
            if (ChangeChecks.Hall(problems, "hall", change.Hall, model) is not null)
            {
                targets = Enumerable.Range(0, model.Racks.Count).Where(i => model.Racks[i].Hall == change.Hall).ToList();
            }
        }
        else
        {
            targets = ChangeChecks.Racks(problems, "racks", change.Racks, model);
        }

        var workload = new WorkloadSpec(change.Model, change.OperatingPoint, change.Interactivity, change.Precision, change.InputTokens,
            change.OutputTokens, change.Mtp);
        ChangeChecks.Workload(problems, "", workload, targets.Select(i => model.Racks[i].Figures.Gpu), catalog);
        if (problems.Count > 0)
        {
            return;
        }

        foreach (var i in targets)
        {
            var rack = model.Racks[i];
            var old = Point(rack.Workload, rack.Figures.Gpu, catalog);
            var now = catalog.ResolveOperatingPoint(workload, rack.Figures.Gpu)!;
            var figures = rack.Natural;

            // Keep the rack's load level: its tokens move by the ratio of the two operating points.
            var tokens = old is { TokensPerGpuPerSecond: > 0 }
                ? figures.TokensPerSecond * now.TokensPerGpuPerSecond / old.TokensPerGpuPerSecond
                : figures.Utilization * figures.GpusReporting * now.TokensPerGpuPerSecond;
            var moved = rack with
            {
                Workload = workload,
                Figures = figures with { TokensPerSecond = tokens, OutputTokensPerSecond = tokens * now.OutputShare },
                CapWPerGpu = null,
                Uncapped = null,
            };

            // A capped rack stays capped: the cap's cost follows the new workload's step mix.
            model.Racks[i] = rack.CapWPerGpu is { } cap ? RackCapping.Cap(moved, cap, catalog) : moved;
        }
    }

    public static void AddPowerNode(List<ChangeProblem> problems, PlanModel model, AddPowerNodeChange change)
    {
        ChangeChecks.Id(problems, "id", change.Id);
        if (model.PowerNode(change.Id) is not null)
        {
            problems.Add(new("id", $"'{change.Id}' is a power node already"));
        }

        if (!PowerSides.All.Contains(change.Side))
        {
            problems.Add(new("side", $"must be A or B (got '{change.Side}')"));
        }

        ChangeChecks.Finite(problems, "ratingKw", change.RatingKw, 1, 1e6, " kW");
        ChangeChecks.Finite(problems, "continuousLoadFraction", change.ContinuousLoadFraction, 0.01, 1);
        if (change.Upstream is null && change.NodeKind != PowerNodeKind.UtilityFeed)
        {
            problems.Add(new("upstream", $"a {change.NodeKind} needs an upstream node; only a utilityFeed stands at the top"));
        }
        else if (change.Upstream is not null && model.PowerNode(change.Upstream) is null)
        {
            problems.Add(new("upstream", $"'{change.Upstream}' is not a power node of this facility"));
        }

        if (problems.Count == 0)
        {
            model.PowerNodes.Add(new PowerNodeSpec(change.Id, change.Name ?? change.Id, change.NodeKind, change.Side, change.RatingKw,
                change.Upstream, change.ContinuousLoadFraction));
        }
    }

    private static ResolvedOperatingPoint? Point(WorkloadSpec? workload, string gpu, TwinCatalog catalog)
    {
        return catalog.ResolveOperatingPoint(workload ?? new WorkloadSpec(Facilities.RackProfiles.DefaultModel), gpu);
    }
}
