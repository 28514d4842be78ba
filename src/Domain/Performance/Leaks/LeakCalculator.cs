using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Domain.Catalog;
using TokenFactoryTwin.Domain.Facilities;

namespace TokenFactoryTwin.Domain.Performance.Leaks;

/// <summary>
/// Measured against modelled: for every rack, what its reporting GPUs should deliver at its workload's operating point
/// (published where a curve matches, else the throughput model), against what they deliver. The shortfall is tokens
/// left on the table; priced at the GPU-hour tier, it is the share of the rack's cost per hour that buys nothing.
/// </summary>
public static class LeakCalculator
{
    public static LeakReport Compute(IEnumerable<RackDemand> racks, TwinCatalog catalog, string priceTier)
    {
        var rows = new List<RackLeak>();
        foreach (var rack in racks)
        {
            var workload = rack.Workload ?? new WorkloadSpec(RackProfiles.DefaultModel);
            var point = catalog.ResolveOperatingPoint(workload, rack.Gpu);
            var perGpu = point?.TokensPerGpuPerSecond ?? 0;
            var modelled = perGpu * rack.GpusReporting;
            var left = Math.Max(0, modelled - rack.MeasuredTokensPerSecond);
            var usdPerGpuHour = catalog.FindGpu(rack.Gpu)?.UsdPerGpuHour.GetValueOrDefault(priceTier) ?? 0;
            var usdLeft = modelled > 0 ? rack.GpusReporting * usdPerGpuHour * left / modelled : 0;
            rows.Add(new RackLeak(rack.Rack, rack.Hall, rack.Gpu, workload.Model, rack.Telemetry,
                point?.Origin ?? "none", point?.Source ?? catalog.WhyUnresolved(workload, rack.Gpu),
                workload.Interactivity ?? ThroughputResolver.DefaultInteractivity,
                rack.MeasuredTokensPerSecond, modelled, Ratio(rack.MeasuredTokensPerSecond, modelled), left, usdLeft));
        }

        var halls = rows.GroupBy(r => r.Hall).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Sum(g.Key, g)).ToList();
        return new LeakReport(Sum("facility", rows), halls, rows);
    }

    private static LeakTotals Sum(string scope, IEnumerable<RackLeak> rows)
    {
        double measured = 0, modelled = 0, left = 0, usd = 0;
        foreach (var row in rows)
        {
            measured += row.MeasuredTokensPerSecond;
            modelled += row.ModelledTokensPerSecond;
            left += row.TokensLeftPerSecond;
            usd += row.UsdPerHourLeft;
        }

        return new LeakTotals(scope, measured, modelled, Ratio(measured, modelled), left, usd);
    }

    private static double? Ratio(double measured, double modelled) => modelled > 0 ? measured / modelled : null;
}
