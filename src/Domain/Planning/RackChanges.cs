using TokenFactoryTwin.Abstractions.Planning;
using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Domain.Catalog;
using TokenFactoryTwin.Domain.Facilities;

namespace TokenFactoryTwin.Domain.Planning;

/// <summary>Changes that add, remove or swap racks. Each checks everything first and edits the model only when all is well.</summary>
internal static class RackChanges
{
    public static void AddRacks(List<ChangeProblem> problems, PlanModel model, AddRacksChange change, string idPrefix, TwinCatalog catalog)
    {
        var type = ChangeChecks.RackType(problems, "rackType", change.RackType, catalog);
        if (change.Count < 1 || change.Count > ChangeChecks.MaxRacksPerChange)
        {
            problems.Add(new("count", $"must be 1..{ChangeChecks.MaxRacksPerChange} (got {change.Count})"));
        }

        var hall = ChangeChecks.Hall(problems, "hall", change.Hall, model);
        ChangeChecks.Cooling(problems, "hall", type, hall);
        ChangeChecks.Feeds(problems, change.PowerA, change.PowerB, model);
        if (change.Row is < 0)
        {
            problems.Add(new("row", $"must not be negative (got {change.Row})"));
        }

        ChangeChecks.Finite(problems, "loadLevel", change.LoadLevel, 0, 1);
        if (change.Spine is not null && !model.HasSpine(change.Spine))
        {
            problems.Add(new("spine", $"'{change.Spine}' is not a spine switch of this facility"));
        }

        if (type is not null)
        {
            ChangeChecks.Workload(problems, "workload", change.Workload, [type.Gpu], catalog);
        }

        if (problems.Count > 0 || type is null || hall is null)
        {
            return;
        }

        var inHall = model.Racks.Where(r => r.Hall == hall.Id).ToList();
        var row = change.Row ?? (inHall.Count == 0 ? 1 : inHall.Max(r => r.Row) + 1);
        var position = inHall.Where(r => r.Row == row).Select(r => r.Position).DefaultIfEmpty(0).Max();
        var used = model.PortsUsed();
        var spine = change.Spine ?? model.PickSpine(type.ScaleOut.PortGbps, used);
        var ports = type.GpusPerRack * type.ScaleOut.PortsPerGpu;
        RackProfile? profile = null;
        for (var i = 1; i <= change.Count; i++)
        {
            var spec = new RackSpec($"{idPrefix}-{i:d3}", hall.Id, type.Id, row, ++position, change.PowerA, change.PowerB,
                new TelemetrySourceSpec(), change.Workload);
            profile ??= RackProfiles.Resolve(spec, catalog);
            model.Racks.Add(new PlannedRack(spec.Id, spec.Hall, spec.RackType, spec.Row, spec.Position, spec.PowerA, spec.PowerB,
                spec.Workload, change.LoadLevel, PlannedFigures.AtLoad(spec, profile, change.LoadLevel, model.AsOf),
                spine is null ? [] : [new RackUplink(spine, ports)]));
        }
    }

    public static void RemoveRacks(List<ChangeProblem> problems, PlanModel model, RemoveRacksChange change)
    {
        var found = ChangeChecks.Racks(problems, "racks", change.Racks, model);
        if (problems.Count > 0)
        {
            return;
        }

        var gone = found.Select(i => model.Racks[i].Id).ToHashSet(StringComparer.Ordinal);
        model.Racks.RemoveAll(r => gone.Contains(r.Id));
    }

    public static void ReplaceRacks(List<ChangeProblem> problems, PlanModel model, ReplaceRacksChange change, TwinCatalog catalog)
    {
        var found = ChangeChecks.Racks(problems, "racks", change.Racks, model);
        var type = ChangeChecks.RackType(problems, "rackType", change.RackType, catalog);
        ChangeChecks.Finite(problems, "loadLevel", change.LoadLevel, 0, 1);
        if (type is not null)
        {
            foreach (var hallId in found.Select(i => model.Racks[i].Hall).Distinct())
            {
                ChangeChecks.Cooling(problems, "rackType", type, model.Hall(hallId));
            }

            ChangeChecks.Workload(problems, "workload", change.Workload, [type.Gpu], catalog);
            foreach (var i in found.Where(i => change.Workload is null && Carried(model.Racks[i].Workload, type, catalog) is null))
            {
                problems.Add(new("workload", $"rack '{model.Racks[i].Id}' serves '{model.Racks[i].Workload?.Model}', which the catalog has no operating point for on '{type.Gpu}'; give a workload"));
            }
        }

        if (problems.Count > 0 || type is null)
        {
            return;
        }

        var ports = type.GpusPerRack * type.ScaleOut.PortsPerGpu;
        var used = model.PortsUsed();
        foreach (var i in found)
        {
            var old = model.Racks[i];
            var workload = change.Workload ?? Carried(old.Workload, type, catalog);
            var spec = new RackSpec(old.Id, old.Hall, type.Id, old.Row, old.Position, old.PowerA, old.PowerB, new TelemetrySourceSpec(), workload);
            var spine = old.Uplinks.Count > 0 ? old.Uplinks[0].Spine : model.PickSpine(type.ScaleOut.PortGbps, used);
            model.Racks[i] = old with
            {
                RackType = type.Id,
                Workload = workload,
                LoadLevel = change.LoadLevel,
                Figures = PlannedFigures.AtLoad(spec, RackProfiles.Resolve(spec, catalog), change.LoadLevel, model.AsOf),
                Uplinks = spine is null ? [] : [new RackUplink(spine, ports)],

                // New hardware comes in uncapped.
                CapWPerGpu = null,
                Uncapped = null,
            };
        }
    }

    /// <summary>
    /// The workload a swapped rack keeps: the same model at the same interactivity, read off the new GPU's operating
    /// point (a named point belongs to the old GPU, so it is dropped). Null when the catalog has no point for it.
    /// </summary>
    private static WorkloadSpec? Carried(WorkloadSpec? old, RackTypeSpec type, TwinCatalog catalog)
    {
        // A named point belongs to the old GPU; the service it describes (model, interactivity, precision, lengths, MTP) carries over.
        var carried = old is null ? new WorkloadSpec(RackProfiles.DefaultModel) : old with { OperatingPoint = null };
        return catalog.ResolveOperatingPoint(carried, type.Gpu) is null ? null : carried;
    }
}
