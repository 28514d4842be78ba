using System.Runtime.InteropServices;
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
        var sums = new Dictionary<string, Sum>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            Accumulate(sums, line);
        }

        return Bounded(sums, maxLines);
    }

    /// <summary>
    /// A hall's lines: its racks' (<see cref="OfRack"/>) merged as <see cref="Merge"/> merges them, read by index: a
    /// hall merges a line or two per rack several times a period, and enumerators over every rack's lines were most
    /// of what that allocated.
    /// </summary>
    /// <param name="lines">Which lines of a rack: its tenants' or its models'.</param>
    public static IReadOnlyList<WorkloadLine> MergeRacks(IReadOnlyList<RackSnapshot> racks, Func<RackSnapshot, IReadOnlyList<WorkloadLine>?> lines, int maxLines = MaxLines)
    {
        var sums = new Dictionary<string, Sum>(StringComparer.Ordinal);
        for (var r = 0; r < racks.Count; r++)
        {
            var of = OfRack(racks[r], lines(racks[r]));
            for (var i = 0; i < of.Count; i++)
            {
                Accumulate(sums, of[i]);
            }
        }

        return Bounded(sums, maxLines);
    }

    /// <summary>Adds a line to the sum of its name, in place: a new line per addition was most of what a merge allocated.</summary>
    private static void Accumulate(Dictionary<string, Sum> sums, WorkloadLine line)
    {
        ref var sum = ref CollectionsMarshal.GetValueRefOrAddDefault(sums, line.Name, out var seen);
        if (!seen)
        {
            sum = new Sum(line);
        }
        else
        {
            sum.Add(line);
        }
    }

    private static List<WorkloadLine> Bounded(Dictionary<string, Sum> sums, int maxLines)
    {
        var merged = new List<WorkloadLine>(sums.Count);
        foreach (var sum in sums.Values)
        {
            merged.Add(sum.Line());
        }

        return Bound(merged, maxLines, l => l.Name, l => l.TokensPerSecond, l => l.Gpus,
            new WorkloadLine(WorkloadNames.Other, 0, 0, 0, 0, 0), Sum.Of);
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

    /// <summary>
    /// The lines of one name added up: the first line as it came when it is the only one, else its figures plus the
    /// others' (a tenant seen in two racks: the same tenant, so still one name; lines folded into
    /// <see cref="WorkloadNames.Other"/> count theirs). The one way lines are summed, by merges and by the fold alike.
    /// </summary>
    private struct Sum(WorkloadLine first)
    {
        private int _lines = 1;
        private int _gpus = first.Gpus;
        private double _tokens = first.TokensPerSecond;
        private double _output = first.OutputTokensPerSecond;
        private double _itKw = first.ItPowerKw;
        private int _names = first.Names;

        /// <summary>Two lines summed (the fold into <see cref="WorkloadNames.Other"/> adds one line at a time).</summary>
        public static WorkloadLine Of(WorkloadLine a, WorkloadLine b)
        {
            var sum = new Sum(a);
            sum.Add(b);
            return sum.Line();
        }

        public void Add(WorkloadLine line)
        {
            _lines++;
            _gpus += line.Gpus;
            _tokens += line.TokensPerSecond;
            _output += line.OutputTokensPerSecond;
            _itKw += line.ItPowerKw;
            _names = first.Name == WorkloadNames.Other ? _names + line.Names : _names;
        }

        public readonly WorkloadLine Line() => _lines == 1 ? first : first with
        {
            Gpus = _gpus,
            TokensPerSecond = _tokens,
            OutputTokensPerSecond = _output,
            ItPowerKw = _itKw,
            Names = _names,
        };
    }
}
