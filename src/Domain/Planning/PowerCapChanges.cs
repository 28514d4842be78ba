using TokenFactoryTwin.Abstractions.Planning;
using TokenFactoryTwin.Domain.Catalog;

namespace TokenFactoryTwin.Domain.Planning;

/// <summary>Power caps and flex events: each checks first and edits only when all is well.</summary>
public static class PowerCapChanges
{
    /// <summary>The most a flex event may last: a day is far beyond any demand-response programme's call.</summary>
    public const double MaxFlexHours = 24;

    internal static void SetPowerCap(List<ChangeProblem> problems, PlanModel model, SetPowerCapChange change, TwinCatalog catalog)
    {
        var targets = Targets(problems, model, change, catalog);
        if ((change.WattsPerGpu is null) == (change.PercentOfRated is null))
        {
            problems.Add(new("wattsPerGpu", "give either wattsPerGpu or percentOfRated, not both and not neither"));
        }
        else if (change.PercentOfRated is { } percent)
        {
            ChangeChecks.Finite(problems, "percentOfRated", percent, 10, 100, " %");
        }

        var caps = new Dictionary<int, double>();
        foreach (var i in targets)
        {
            var rack = model.Racks[i];
            if (catalog.FindGpu(rack.Natural.Gpu) is not { } gpu)
            {
                continue;
            }

            var cap = change.WattsPerGpu ?? gpu.TdpW * (change.PercentOfRated ?? 100) / 100;
            if (change.WattsPerGpu is { } watts && (!double.IsFinite(watts) || watts < gpu.IdleW || watts > gpu.TdpW))
            {
                problems.Add(new("wattsPerGpu", $"must lie in {gpu.IdleW}..{gpu.TdpW} W for {gpu.Id} (its idle draw to its rating; got {watts}) on rack '{rack.Id}'"));
                return;
            }

            caps[i] = Math.Max(cap, gpu.IdleW);
        }

        if (problems.Count > 0)
        {
            return;
        }

        foreach (var (i, cap) in caps)
        {
            model.Racks[i] = RackCapping.Cap(model.Racks[i], cap, catalog);
        }
    }

    public static void CheckFlexEvent(List<ChangeProblem> problems, FlexEventChange change, TwinCatalog catalog)
    {
        if ((change.ShedKw is null) == (change.CapKw is null))
        {
            problems.Add(new("shedKw", "give either shedKw or capKw, not both and not neither"));
        }

        if (change.ShedKw is { } shed)
        {
            ChangeChecks.Finite(problems, "shedKw", shed, 0, 1e7, " kW");
        }

        if (change.CapKw is { } cap)
        {
            ChangeChecks.Finite(problems, "capKw", cap, 0, 1e7, " kW");
        }

        ChangeChecks.Finite(problems, "hours", change.Hours, 0.01, MaxFlexHours, " h");
        if (change.UsdPerMillionTokens is { } price)
        {
            ChangeChecks.Finite(problems, "usdPerMillionTokens", price, 0, 1e4, " $");
        }

        var priorities = change.Priorities ?? [];
        for (var i = 0; i < priorities.Count; i++)
        {
            if (priorities[i] is not { } priority || catalog.FindModel(priority.Model ?? "") is null)
            {
                problems.Add(new($"priorities[{i}].model", $"'{priorities[i]?.Model}' is not a model in the catalog (known: {string.Join(", ", catalog.Models.Select(m => m.Id))})"));
            }
            else if (priority.MinInteractivity is { } floor)
            {
                ChangeChecks.Finite(problems, $"priorities[{i}].minInteractivity", floor, 0, 10_000, " tokens/s per user");
            }
        }
    }

    private static List<int> Targets(List<ChangeProblem> problems, PlanModel model, SetPowerCapChange change, TwinCatalog catalog)
    {
        switch (change.Scope)
        {
            case PowerCapScopes.Facility:
                return Enumerable.Range(0, model.Racks.Count).ToList();
            case PowerCapScopes.Hall:
                return ChangeChecks.Hall(problems, "hall", change.Hall, model) is null
                    ? []
                    : Enumerable.Range(0, model.Racks.Count).Where(i => model.Racks[i].Hall == change.Hall).ToList();
            case PowerCapScopes.RackType:
                if (ChangeChecks.RackType(problems, "rackType", change.RackType, catalog) is null)
                {
                    return [];
                }

                var ofType = Enumerable.Range(0, model.Racks.Count).Where(i => model.Racks[i].RackType == change.RackType).ToList();
                if (ofType.Count == 0)
                {
                    problems.Add(new("rackType", $"no rack of type '{change.RackType}' in this scenario"));
                }

                return ofType;
            case PowerCapScopes.Rack:
                return ChangeChecks.Racks(problems, "racks", change.Racks, model);
            default:
                problems.Add(new("scope", $"must be one of {string.Join(", ", PowerCapScopes.All)} (got '{change.Scope}')"));
                return [];
        }
    }
}
