using TokenFactoryTwin.Abstractions.Kpis;

namespace TokenFactoryTwin.Domain.Kpis;

/// <summary>Sums racks into a hall's totals and halls into a facility's: the additive half of staged aggregation.</summary>
public static class KpiTotalsMath
{
    /// <summary>A hall's totals from its racks' newest snapshots; IT power is scaled by the hall's PUE for facility power.</summary>
    public static KpiTotals FromRacks(IEnumerable<RackSnapshot> racks, double pue)
    {
        int rackCount = 0, gpus = 0, reporting = 0, stale = 0, virtualRacks = 0;
        double tokens = 0, output = 0, it = 0, provisioned = 0;
        DateTimeOffset? samplesAsOf = null;
        var gpusByType = new Dictionary<string, int>(StringComparer.Ordinal);
        var racksByType = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var rack in racks)
        {
            rackCount++;
            gpus += rack.Gpus;
            provisioned += rack.ProvisionedPowerKw;
            gpusByType[rack.Gpu] = gpusByType.GetValueOrDefault(rack.Gpu) + rack.Gpus;
            racksByType[rack.RackType] = racksByType.GetValueOrDefault(rack.RackType) + 1;
            if (rack.Virtual)
            {
                virtualRacks++;
            }

            if (rack.Stale)
            {
                stale++;
                continue;
            }

            reporting += rack.GpusReporting;
            samplesAsOf = Oldest(samplesAsOf, rack.SamplesAsOf);
            tokens += rack.TokensPerSecond;
            output += rack.OutputTokensPerSecond;
            it += rack.ItPowerKw;
        }

        return new KpiTotals(rackCount, gpus, reporting, stale, virtualRacks, tokens, output, it, it * pue, provisioned, gpusByType, racksByType, samplesAsOf);
    }

    public static KpiTotals Sum(IEnumerable<KpiTotals> parts)
    {
        var total = KpiTotals.Zero;
        foreach (var part in parts)
        {
            total = Add(total, part);
        }

        return total;
    }

    public static KpiTotals Add(KpiTotals a, KpiTotals b) => new(
        a.Racks + b.Racks,
        a.Gpus + b.Gpus,
        a.GpusReporting + b.GpusReporting,
        a.StaleRacks + b.StaleRacks,
        a.VirtualRacks + b.VirtualRacks,
        a.TokensPerSecond + b.TokensPerSecond,
        a.OutputTokensPerSecond + b.OutputTokensPerSecond,
        a.ItPowerKw + b.ItPowerKw,
        a.FacilityPowerKw + b.FacilityPowerKw,
        a.ProvisionedPowerKw + b.ProvisionedPowerKw,
        Merge(a.GpusByType, b.GpusByType),
        Merge(a.RacksByType, b.RacksByType),
        Oldest(a.SamplesAsOf, b.SamplesAsOf));

    private static DateTimeOffset? Oldest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a < b ? a : b;

    private static Dictionary<string, int> Merge(IReadOnlyDictionary<string, int> a, IReadOnlyDictionary<string, int> b)
    {
        var merged = new Dictionary<string, int>(a, StringComparer.Ordinal);
        foreach (var (key, value) in b)
        {
            merged[key] = merged.GetValueOrDefault(key) + value;
        }

        return merged;
    }
}
