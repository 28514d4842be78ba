using TokenFactoryTwin.Abstractions.Kpis;

namespace TokenFactoryTwin.Domain.Workloads;

/// <summary>
/// A rack's GPUs split by what they serve: one line per tenant and one per model, plus <see cref="WorkloadNames.Idle"/>
/// for GPUs producing no tokens (silent ones included) and <see cref="WorkloadNames.Unlabelled"/> for GPUs producing
/// tokens with no tenant or model named. Each line's IT power is its GPUs' own plus an equal share per reporting GPU
/// of the rest of the rack (CPUs, NICs, fans), so the lines add up to the rack's GPUs, tokens and IT power exactly.
/// </summary>
public static class WorkloadRollup
{
    /// <param name="flows">Each slot's flows, by slot.</param>
    /// <param name="rackItKw">The rack's IT power (measured GPUs plus the estimated rest) over its reporting GPUs.</param>
    public static (IReadOnlyList<WorkloadLine> Tenants, IReadOnlyList<WorkloadLine> Models) Split(
        ReadOnlySpan<GpuFlow> flows, RackWorkloads workloads, double rackItKw)
    {
        int reporting = 0;
        double gpuKw = 0;
        foreach (var flow in flows)
        {
            if (flow.Fresh)
            {
                reporting++;
                gpuKw += flow.PowerW / 1000;
            }
        }

        var restPerGpuKw = reporting > 0 ? (rackItKw - gpuKw) / reporting : 0;
        var tenants = new Dictionary<string, Sum>(StringComparer.Ordinal);
        var models = new Dictionary<string, Sum>(StringComparer.Ordinal);
        for (var g = 0; g < flows.Length; g++)
        {
            var flow = flows[g];
            var itKw = flow.Fresh ? flow.PowerW / 1000 + restPerGpuKw : 0;
            var serving = flow.Fresh && flow.TokensPerSecond > 0;
            var tenant = serving ? workloads.TenantOf(g) ?? WorkloadNames.Unlabelled : WorkloadNames.Idle;
            var model = serving ? workloads.ModelOf(g) ?? WorkloadNames.Unlabelled : WorkloadNames.Idle;
            Add(tenants, tenant, flow, itKw);
            Add(models, model, flow, itKw);
        }

        return (Lines(tenants), Lines(models));
    }

    private static void Add(Dictionary<string, Sum> sums, string name, GpuFlow flow, double itKw)
    {
        var sum = sums.GetValueOrDefault(name);
        sums[name] = new Sum(sum.Gpus + 1, sum.Tokens + (flow.Fresh ? flow.TokensPerSecond : 0),
            sum.Output + (flow.Fresh ? flow.OutputTokensPerSecond : 0), sum.ItKw + itKw);
    }

    private static WorkloadLine[] Lines(Dictionary<string, Sum> sums) =>
        [.. sums.Select(s => new WorkloadLine(s.Key, s.Value.Gpus, s.Value.Tokens, s.Value.Output, s.Value.ItKw))];

    private readonly record struct Sum(int Gpus, double Tokens, double Output, double ItKw);
}
