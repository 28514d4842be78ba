using TokenFactoryTwin.Abstractions.Kpis;

namespace TokenFactoryTwin.Domain.Workloads;

/// <summary>
/// Merges racks' tenant or model lines into a hall's, bounded: a hall or facility lists at most
/// <see cref="MaxLines"/> lines, the most productive first (tokens/s, then GPUs); the rest fold into
/// <see cref="WorkloadNames.Other"/>, whose <see cref="WorkloadLine.Names"/> counts them. <see cref="WorkloadNames.Idle"/>
/// is always listed. So a flood of made-up namespaces costs a count, not memory or messages in proportion.
/// </summary>
public static class WorkloadLines
{
    public const int MaxLines = 100;

    /// <summary>
    /// A rack's lines as its hall counts them: a stale rack's GPUs are idle (its flows are not current, as in the
    /// hall's totals); a rack that sent no lines counts whole as unlabelled.
    /// </summary>
    public static IReadOnlyList<WorkloadLine> OfRack(RackSnapshot rack, IReadOnlyList<WorkloadLine>? lines)
    {
        if (rack.Stale)
        {
            return [new WorkloadLine(WorkloadNames.Idle, rack.Gpus, 0, 0, 0)];
        }

        return lines ?? [new WorkloadLine(WorkloadNames.Unlabelled, rack.Gpus, rack.TokensPerSecond, rack.OutputTokensPerSecond, rack.ItPowerKw)];
    }

    public static IReadOnlyList<WorkloadLine> Merge(IEnumerable<WorkloadLine> lines, int maxLines = MaxLines)
    {
        var sums = new Dictionary<string, WorkloadLine>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            sums[line.Name] = sums.TryGetValue(line.Name, out var sum) ? Add(sum, line) : line;
        }

        return Bound([.. sums.Values], maxLines, l => l.Name, l => l.TokensPerSecond, l => l.Gpus,
            new WorkloadLine(WorkloadNames.Other, 0, 0, 0, 0, 0), (other, l) => Add(other, l) with { Name = WorkloadNames.Other, Names = other.Names + l.Names });
    }

    /// <summary>
    /// The largest lines, idle kept, most tokens first; the rest folded into one <see cref="WorkloadNames.Other"/> line
    /// (starting from <paramref name="other"/>) when there are more than <paramref name="maxLines"/>.
    /// </summary>
    internal static List<T> Bound<T>(List<T> lines, int maxLines, Func<T, string> name, Func<T, double> tokens, Func<T, int> gpus, T other, Func<T, T, T> fold)
    {
        var ordered = lines.OrderBy(l => name(l) == WorkloadNames.Idle ? 0 : 1)
            .ThenByDescending(tokens).ThenByDescending(gpus).ThenBy(name, StringComparer.Ordinal).ToList();
        if (ordered.Count > maxLines)
        {
            var kept = ordered.Take(maxLines - 1).Where(l => name(l) != WorkloadNames.Other).ToList();
            var keptNames = kept.Select(name).ToHashSet(StringComparer.Ordinal);
            var folded = ordered.Where(l => !keptNames.Contains(name(l))).Aggregate(other, fold);
            ordered = [.. kept, folded];
        }

        return [.. ordered.OrderByDescending(tokens).ThenByDescending(gpus).ThenBy(name, StringComparer.Ordinal)];
    }

    /// <summary>Two lines of one name (a tenant seen in two racks): the same tenant, so still one name.</summary>
    private static WorkloadLine Add(WorkloadLine a, WorkloadLine b) => a with
    {
        Gpus = a.Gpus + b.Gpus,
        TokensPerSecond = a.TokensPerSecond + b.TokensPerSecond,
        OutputTokensPerSecond = a.OutputTokensPerSecond + b.OutputTokensPerSecond,
        ItPowerKw = a.ItPowerKw + b.ItPowerKw,
        Names = a.Name == WorkloadNames.Other ? a.Names + b.Names : a.Names,
    };
}
