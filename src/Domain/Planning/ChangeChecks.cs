using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Planning;
using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Domain.Catalog;

namespace TokenFactoryTwin.Domain.Planning;

/// <summary>The checks several kinds of change share, each adding a problem that names the field at fault.</summary>
internal static class ChangeChecks
{
    public const int MaxRacksPerChange = 5000;

    public static void Finite(List<ChangeProblem> problems, string field, double value, double min, double max, string unit = "")
    {
        if (!double.IsFinite(value) || value < min || value > max)
        {
            problems.Add(new(field, $"must lie in {min}..{max}{unit} (got {value})"));
        }
    }

    public static RackTypeSpec? RackType(List<ChangeProblem> problems, string field, string? id, TwinCatalog catalog)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            problems.Add(new(field, "is required"));
            return null;
        }

        var type = catalog.FindRackType(id);
        if (type is null)
        {
            problems.Add(new(field, $"'{id}' is not a rack type in the catalog (known: {string.Join(", ", catalog.RackTypes.Select(t => t.Id))})"));
        }

        return type;
    }

    public static HallSpec? Hall(List<ChangeProblem> problems, string field, string? id, PlanModel model)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            problems.Add(new(field, "is required"));
            return null;
        }

        var hall = model.Hall(id);
        if (hall is null)
        {
            problems.Add(new(field, $"'{id}' is not a hall of this facility (known: {string.Join(", ", model.Halls.Select(h => h.Id))})"));
        }

        return hall;
    }

    public static void Cooling(List<ChangeProblem> problems, string field, RackTypeSpec? type, HallSpec? hall)
    {
        if (type is not null && hall is not null && type.Cooling == CoolingKinds.Liquid && hall.Cooling != CoolingKinds.Liquid)
        {
            problems.Add(new(field, $"rack type '{type.Id}' needs liquid cooling but hall '{hall.Id}' is {hall.Cooling}-cooled"));
        }
    }

    public static void Feeds(List<ChangeProblem> problems, string? powerA, string? powerB, PlanModel model, string prefix = "")
    {
        if (string.IsNullOrWhiteSpace(powerA))
        {
            problems.Add(new($"{prefix}powerA", "is required: a rack needs at least one feed"));
        }
        else if (model.PowerNode(powerA) is null)
        {
            problems.Add(new($"{prefix}powerA", $"'{powerA}' is not a power node of this facility"));
        }

        if (powerB is not null && model.PowerNode(powerB) is null)
        {
            problems.Add(new($"{prefix}powerB", $"'{powerB}' is not a power node of this facility"));
        }
        else if (powerB is not null && powerB == powerA)
        {
            problems.Add(new($"{prefix}powerB", $"is the same node as powerA ('{powerA}'); a second cord on one node adds no redundancy"));
        }
    }

    public static void Workload(List<ChangeProblem> problems, string field, WorkloadSpec? workload, IEnumerable<string> gpus, TwinCatalog catalog)
    {
        if (workload is null)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(workload.Model) || catalog.FindModel(workload.Model) is null)
        {
            problems.Add(new(Sub(field, "model"), $"'{workload.Model}' is not a model in the catalog (known: {string.Join(", ", catalog.Models.Select(m => m.Id))})"));
            return;
        }

        if (workload.Interactivity is { } interactivity && (!double.IsFinite(interactivity) || interactivity <= 0))
        {
            problems.Add(new(Sub(field, "interactivity"), $"must be a positive number of tokens/s per user (got {interactivity})"));
            return;
        }

        foreach (var gpu in gpus.Distinct())
        {
            if (catalog.ResolveOperatingPoint(workload, gpu) is null)
            {
                problems.Add(new(Sub(field, workload.OperatingPoint is null ? "model" : "operatingPoint"), catalog.WhyUnresolved(workload, gpu)));
            }
        }
    }

    /// <summary>Resolves each listed rack id to its index in the model, or adds a problem naming the entry.</summary>
    public static List<int> Racks(List<ChangeProblem> problems, string field, IReadOnlyList<string>? ids, PlanModel model)
    {
        var found = new List<int>();
        if (ids is null || ids.Count == 0)
        {
            problems.Add(new(field, "must list at least one rack"));
            return found;
        }

        var index = new Dictionary<string, int>(model.Racks.Count, StringComparer.Ordinal);
        for (var i = 0; i < model.Racks.Count; i++)
        {
            index[model.Racks[i].Id] = i;
        }

        var seen = new HashSet<int>();
        for (var i = 0; i < ids.Count; i++)
        {
            if (ids[i] is { } id && index.TryGetValue(id, out var at))
            {
                if (seen.Add(at))
                {
                    found.Add(at);
                }
            }
            else
            {
                problems.Add(new($"{field}[{i}]", $"no rack '{ids[i]}' in this scenario"));
            }
        }

        return found;
    }

    public static void Id(List<ChangeProblem> problems, string field, string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            problems.Add(new(field, "is required"));
        }
        else if (id.Contains(TwinKeys.Separator) || id.Any(char.IsWhiteSpace))
        {
            problems.Add(new(field, $"'{id}' may not contain '{TwinKeys.Separator}' or spaces"));
        }
    }

    private static string Sub(string field, string name) => field.Length == 0 ? name : $"{field}.{name}";
}
