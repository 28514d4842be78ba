using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace TokenFactoryTwin.JitReport;

/// <summary>
/// Methods the JIT compiled, by tier: tier 0 (<c>QuickJitted</c>: no precompiled code was usable), tier 1 with
/// instrumentation (a hot method recompiled to gather its profile) and tier 1 (recompiled with it); dynamic methods
/// (compiled expression trees, emitted IL) apart. Per second of the recording, and per namespace for the tiers that
/// say what ReadyToRun did not cover.
/// </summary>
public sealed class JitTally(double untilSeconds)
{
    private readonly Dictionary<string, int> _tiers = [];
    private readonly SortedDictionary<int, int> _perSecond = [];
    private readonly Dictionary<string, int> _coldByNamespace = [];

    public void Add(MethodLoadUnloadVerboseTraceData method)
    {
        var at = method.TimeStampRelativeMSec / 1000;
        if (at > untilSeconds)
        {
            return;
        }

        var tier = method.IsDynamic ? $"{method.OptimizationTier} (dynamic)" : method.OptimizationTier.ToString();
        _tiers[tier] = _tiers.GetValueOrDefault(tier) + 1;
        _perSecond[(int)at] = _perSecond.GetValueOrDefault((int)at) + 1;
        if (method.OptimizationTier is OptimizationTier.QuickJitted or OptimizationTier.OptimizedTier1Instrumented)
        {
            var key = $"{method.OptimizationTier} {Namespace(method.MethodNamespace)}";
            _coldByNamespace[key] = _coldByNamespace.GetValueOrDefault(key) + 1;
        }
    }

    public void Print(TextWriter output, int top)
    {
        output.WriteLine($"Methods compiled, first {untilSeconds:0.#} s, by tier:");
        foreach (var (tier, count) in _tiers.OrderByDescending(t => t.Value))
        {
            output.WriteLine($"{count,8:N0}  {tier}");
        }

        output.WriteLine("Per second: " + string.Join(" ", _perSecond.Select(s => $"{s.Key}:{s.Value}")));
        output.WriteLine("Tier 0 and instrumented tier 1, by namespace:");
        foreach (var (key, count) in _coldByNamespace.OrderByDescending(n => n.Value).Take(top))
        {
            output.WriteLine($"{count,8:N0}  {key}");
        }
    }

    /// <summary>The first three parts of a type's namespace, without generic arguments: where the code comes from.</summary>
    private static string Namespace(string typeName)
    {
        var open = typeName.IndexOf('[', StringComparison.Ordinal);
        var name = open >= 0 ? typeName[..open] : typeName;
        return string.Join('.', name.Split('.').Take(3));
    }
}
