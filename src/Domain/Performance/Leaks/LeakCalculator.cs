using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Domain.Catalog;
using TokenFactoryTwin.Domain.Facilities;

namespace TokenFactoryTwin.Domain.Performance.Leaks;

/// <summary>
/// Measured against modelled: for every rack, what its reporting GPUs should deliver (published where a curve matches,
/// else the throughput model) at the interactivity its users see — output tokens/s per running request, where its
/// inference servers report running requests — or else at its workload's stated operating point, against what they
/// deliver. The shortfall is tokens
/// left on the table; priced at the GPU-hour tier, it is the share of the rack's cost per hour that buys nothing.
/// </summary>
public static class LeakCalculator
{
    public static LeakReport Compute(IEnumerable<RackDemand> racks, TwinCatalog catalog, string priceTier)
    {
        var rows = new List<RackLeak>();
        foreach (var rack in racks)
        {
            var stated = rack.Workload ?? new WorkloadSpec(RackProfiles.DefaultModel);

            // At the interactivity its users see, where its servers report running requests; beyond what the model
            // reaches there (or without a report), at the workload's stated operating point.
            var observed = rack.ObservedInteractivity is { } seen ? stated with { OperatingPoint = null, Interactivity = seen } : null;
            var observedPoint = observed is null ? null : catalog.ResolveOperatingPoint(observed, rack.Gpu);
            var (workload, point) = observedPoint is not null ? (observed!, observedPoint) : (stated, catalog.ResolveOperatingPoint(stated, rack.Gpu));
            var perGpu = point?.TokensPerGpuPerSecond ?? 0;
            var modelled = perGpu * rack.GpusReporting;
            var left = Math.Max(0, modelled - rack.MeasuredTokensPerSecond);
            var usdPerGpuHour = catalog.FindGpu(rack.Gpu)?.UsdPerGpuHour.GetValueOrDefault(priceTier) ?? 0;
            var usdLeft = modelled > 0 ? rack.GpusReporting * usdPerGpuHour * left / modelled : 0;
            rows.Add(new RackLeak(rack.Rack, rack.Hall, rack.Gpu, workload.Model, rack.Telemetry,
                point?.Origin ?? "none", point?.Source ?? catalog.WhyUnresolved(workload, rack.Gpu),
                workload.Interactivity ?? ThroughputResolver.DefaultInteractivity,
                observedPoint is not null ? RackLeak.Observed : RackLeak.Stated,
                rack.RunningRequests,
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
