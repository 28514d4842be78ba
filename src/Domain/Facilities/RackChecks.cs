using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Domain.Catalog;
using TokenFactoryTwin.Domain.Simulation;

namespace TokenFactoryTwin.Domain.Facilities;

/// <summary>A rack's checks: its hall, type, position, cords and telemetry source (simulated load curve or live hosts).</summary>
internal static class RackChecks
{
    public static void Check(List<string> problems, RackSpec rack, Dictionary<string, HallSpec> halls, HashSet<string> nodes, TwinCatalog catalog)
    {
        IdChecks.Check(problems, "rack", rack.Id);
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
        else if (hall is not null && type.Cooling == CoolingKinds.Liquid && hall.Cooling != CoolingKinds.Liquid)
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
            if (!LoadCurveKinds.All.Contains(load.Kind))
            {
                problems.Add($"{where}: load curve kind '{load.Kind}' is not one of {string.Join(", ", LoadCurveKinds.All)}");
            }

            if (load.Kind == LoadCurveKinds.Trace && (load.Trace is null || !TraceLibrary.Exists(load.Trace)))
            {
                problems.Add($"{where}: trace '{load.Trace}' is not in the catalog (known: {string.Join(", ", TraceLibrary.Names)})");
            }

            if (load.Level is < 0 or > 1 || load.Min is < 0 or > 1 || load.Max is < 0 or > 1 || load.Min > load.Max)
            {
                problems.Add($"{where}: load levels must lie in 0..1 with min <= max");
            }
        }
    }
}
