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

        // Most racks serve one tenant and one model on every GPU (a simulated rack under load does): one line each,
        // summed in the same order as below, without two dictionaries per rack per period. Arrays, as below: the
        // lines travel in the rack's snapshot, and a serializer knows an array. The check walks the GPUs once and stops
        // at the first GPU that names a second tenant or model, so a mixed rack pays for a few GPUs, not a pass.
        if (OneLineEach(flows, workloads, restPerGpuKw) is var (tenant, model))
        {
            return (new[] { tenant }, new[] { model });
        }

        var tenants = new Dictionary<string, Sum>(StringComparer.Ordinal);
        var models = new Dictionary<string, Sum>(StringComparer.Ordinal);
        for (var g = 0; g < flows.Length; g++)
        {
            var flow = flows[g];
            var itKw = ItKw(flow, restPerGpuKw);
            Add(tenants, NameOf(flow, workloads, g, byTenant: true), flow, itKw);
            Add(models, NameOf(flow, workloads, g, byTenant: false), flow, itKw);
        }

        return (Lines(tenants), Lines(models));
    }

    /// <summary>
    /// The one tenant line and the one model line of a rack whose GPUs all fall under one tenant and one model; null
    /// as soon as a GPU names a second of either (or there are no GPUs).
    /// </summary>
    private static (WorkloadLine Tenant, WorkloadLine Model)? OneLineEach(ReadOnlySpan<GpuFlow> flows, RackWorkloads workloads, double restPerGpuKw)
    {
        string? tenant = null, model = null;
        Sum sum = default;
        for (var g = 0; g < flows.Length; g++)
        {
            var flow = flows[g];
            var tenantOf = NameOf(flow, workloads, g, byTenant: true);
            var modelOf = NameOf(flow, workloads, g, byTenant: false);
            if (tenant is null)
            {
                (tenant, model) = (tenantOf, modelOf);
            }
            else if (!string.Equals(tenant, tenantOf, StringComparison.Ordinal) || !string.Equals(model, modelOf, StringComparison.Ordinal))
            {
                return null;
            }

            sum = Plus(sum, flow, ItKw(flow, restPerGpuKw));
        }

        return tenant is null ? null : (Line(tenant, sum), Line(model!, sum));
    }

    private static string NameOf(GpuFlow flow, RackWorkloads workloads, int slot, bool byTenant) =>
        !(flow.Fresh && flow.TokensPerSecond > 0) ? WorkloadNames.Idle
        : (byTenant ? workloads.TenantOf(slot) : workloads.ModelOf(slot)) ?? WorkloadNames.Unlabelled;

    private static double ItKw(GpuFlow flow, double restPerGpuKw) => flow.Fresh ? flow.PowerW / 1000 + restPerGpuKw : 0;

    private static void Add(Dictionary<string, Sum> sums, string name, GpuFlow flow, double itKw) =>
        sums[name] = Plus(sums.GetValueOrDefault(name), flow, itKw);

    private static Sum Plus(Sum sum, GpuFlow flow, double itKw) =>
        new(sum.Gpus + 1, sum.Tokens + (flow.Fresh ? flow.TokensPerSecond : 0), sum.Output + (flow.Fresh ? flow.OutputTokensPerSecond : 0), sum.ItKw + itKw);

    private static WorkloadLine[] Lines(Dictionary<string, Sum> sums) => [.. sums.Select(s => Line(s.Key, s.Value))];

    private static WorkloadLine Line(string name, Sum sum) => new(name, sum.Gpus, sum.Tokens, sum.Output, sum.ItKw);

    private readonly record struct Sum(int Gpus, double Tokens, double Output, double ItKw);
}
