using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace TokenFactoryTwin.AllocationReport;

/// <summary>Bytes sampled per type and per type and stack, the large object heap apart from the small one.</summary>
public sealed class AllocationTally(int frames)
{
    private readonly Dictionary<(bool Large, string Type), long> _byType = [];
    private readonly Dictionary<(bool Large, string Key), long> _byStack = [];

    public void Add(GCAllocationTickTraceData e)
    {
        var large = e.AllocationKind == GCAllocationKind.Large;
        _byType[(large, e.TypeName)] = _byType.GetValueOrDefault((large, e.TypeName)) + e.AllocationAmount64;
        var key = e.TypeName + Environment.NewLine + string.Join(Environment.NewLine, Stack(e.CallStack()).Select(f => "    " + f));
        _byStack[(large, key)] = _byStack.GetValueOrDefault((large, key)) + e.AllocationAmount64;
    }

    public void Print(TextWriter output, int top)
    {
        foreach (var large in new[] { true, false })
        {
            var heap = large ? "large object heap" : "small object heap";
            var total = _byType.Where(t => t.Key.Large == large).Sum(t => t.Value);
            output.WriteLine($"== {heap}: {total / 1e6:F0} MB sampled");
            foreach (var (key, bytes) in _byType.Where(t => t.Key.Large == large).OrderByDescending(t => t.Value).Take(top))
            {
                output.WriteLine($"{bytes / 1e6,10:F1} MB  {key.Type}");
            }

            output.WriteLine($"== {heap}, by stack");
            foreach (var (key, bytes) in _byStack.Where(t => t.Key.Large == large).OrderByDescending(t => t.Value).Take(top))
            {
                output.WriteLine($"{bytes / 1e6,10:F1} MB  {key.Key}");
            }

            output.WriteLine();
        }
    }

    /// <summary>The allocating stack, innermost first, without the runtime's own frames after the first (they repeat everywhere).</summary>
    private IEnumerable<string> Stack(TraceCallStack? stack)
    {
        var taken = 0;
        for (; stack is not null && taken < frames; stack = stack.Caller)
        {
            var name = stack.CodeAddress.FullMethodName;
            if (string.IsNullOrEmpty(name) || (taken > 0 && name.StartsWith("System.", StringComparison.Ordinal) && !name.Contains(".Text.Json", StringComparison.Ordinal)))
            {
                continue;
            }

            taken++;
            yield return name.Length > 140 ? name[..140] : name;
        }
    }
}
