using TokenFactoryTwin.Abstractions.Kpis;
using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Domain.Economics;

namespace TokenFactoryTwin.Domain.Workloads;

/// <summary>
/// Prices a hall's tenant or model lines out of the hall's own cost per hour, so the lines add up to it: the energy
/// an owner's TCO charges goes to each line by its power (IT power × the hall's PUE), and everything else — GPU-hour
/// prices, or capex and opex — by the GPUs each line holds now. A GPU moving between tenants is charged to each for
/// the time it serves it, flush by flush. Within a hall every GPU costs the same per hour (a hall holds one GPU type
/// in practice); halls are priced apart, so the facility's lines add the halls' lines up.
/// </summary>
public static class WorkloadPricing
{
    public static IReadOnlyList<WorkloadKpis> Price(IReadOnlyList<WorkloadLine> lines, TwinKpis hall, CostModelSpec cost)
    {
        var energyPerMWh = cost.Kind == CostModelKinds.Tco ? cost.EnergyUsdPerMWh : 0;
        var gpuCostPerHour = hall.CostPerHourUsd - energyPerMWh * hall.FacilityPowerKw / 1000;
        var gpus = lines.Sum(l => l.Gpus);
        var priced = lines.Select(l =>
        {
            var facilityKw = l.ItPowerKw * hall.Pue;
            var perHour = (gpus > 0 ? gpuCostPerHour * l.Gpus / gpus : 0) + energyPerMWh * facilityKw / 1000;
            return new WorkloadKpis(l.Name, l.Gpus, l.TokensPerSecond, l.OutputTokensPerSecond, l.ItPowerKw, facilityKw, 0, 0, perHour,
                TokenEconomics.CostPerMillionTokens(perHour, l.TokensPerSecond), l.Names);
        }).ToList();
        return WithShares(priced);
    }

    /// <summary>The halls' priced lines added up by name for the facility, bounded as a hall's are.</summary>
    public static IReadOnlyList<WorkloadKpis> Combine(IEnumerable<IReadOnlyList<WorkloadKpis>> halls, int maxLines = WorkloadLines.MaxLines)
    {
        var sums = new Dictionary<string, WorkloadKpis>(StringComparer.Ordinal);
        foreach (var line in halls.SelectMany(h => h))
        {
            sums[line.Name] = sums.TryGetValue(line.Name, out var sum) ? Add(sum, line) : line;
        }

        var other = new WorkloadKpis(WorkloadNames.Other, 0, 0, 0, 0, 0, 0, 0, 0, null, 0);
        var bounded = WorkloadLines.Bound([.. sums.Values], maxLines, l => l.Name, l => l.TokensPerSecond, l => l.Gpus, other,
            (o, l) => Add(o, l) with { Names = o.Names + l.Names });
        return WithShares(bounded);
    }

    private static WorkloadKpis Add(WorkloadKpis a, WorkloadKpis b) => a with
    {
        Gpus = a.Gpus + b.Gpus,
        TokensPerSecond = a.TokensPerSecond + b.TokensPerSecond,
        OutputTokensPerSecond = a.OutputTokensPerSecond + b.OutputTokensPerSecond,
        ItPowerKw = a.ItPowerKw + b.ItPowerKw,
        FacilityPowerKw = a.FacilityPowerKw + b.FacilityPowerKw,
        CostPerHourUsd = a.CostPerHourUsd + b.CostPerHourUsd,
        Names = a.Name == WorkloadNames.Other ? a.Names + b.Names : a.Names,
    };

    /// <summary>Each line's share of the scope's power and tokens, and its cost per million tokens.</summary>
    private static List<WorkloadKpis> WithShares(List<WorkloadKpis> lines)
    {
        var power = lines.Sum(l => l.FacilityPowerKw);
        var tokens = lines.Sum(l => l.TokensPerSecond);
        return [.. lines.Select(l => l with
        {
            PowerShare = power > 0 ? l.FacilityPowerKw / power : 0,
            TokenShare = tokens > 0 ? l.TokensPerSecond / tokens : 0,
            CostPerMillionTokensUsd = TokenEconomics.CostPerMillionTokens(l.CostPerHourUsd, l.TokensPerSecond),
        })];
    }
}
