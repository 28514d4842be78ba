using CsCheck;
using TokenFactoryTwin.Abstractions.Kpis;
using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Domain.Workloads;

namespace TokenFactoryTwin.UnitTests.Workloads;

public sealed class WorkloadLinesTests
{
    private static TwinKpis Hall(int gpus, double itKw, double pue, double costPerHour) =>
        new("h", "h", DateTimeOffset.UnixEpoch, 1, gpus, gpus, 0, 0, itKw, itKw * pue, 0, pue, 0, 0, costPerHour, null, 0, 0, false);

    [Fact]
    public void Racks_lines_merge_by_name_and_a_stale_rack_counts_whole_as_idle()
    {
        var live = Rack("r1", stale: false) with
        {
            Tenants = [new("team-a", 4, 100, 30, 3), new(WorkloadNames.Idle, 4, 0, 0, 1)],
        };
        var stale = Rack("r2", stale: true) with { Tenants = [new("team-a", 8, 500, 100, 9)] };

        var lines = WorkloadLines.Merge(new[] { live, stale }.SelectMany(r => WorkloadLines.OfRack(r, r.Tenants)));

        Assert.Equal([("team-a", 4, 100.0, 3.0), (WorkloadNames.Idle, 12, 0.0, 1.0)], lines.Select(l => (l.Name, l.Gpus, l.TokensPerSecond, l.ItPowerKw)));
    }

    [Fact]
    public void Ten_thousand_tenants_fold_into_the_largest_ninety_eight_idle_and_one_other_line_that_counts_them()
    {
        var lines = Enumerable.Range(0, 10_000).Select(i => new WorkloadLine($"ns-{i}", 1, i, 0, 1))
            .Append(new WorkloadLine(WorkloadNames.Idle, 5, 0, 0, 2));

        var merged = WorkloadLines.Merge(lines);

        Assert.Equal(WorkloadLines.MaxLines, merged.Count);
        Assert.Contains(merged, l => l.Name == WorkloadNames.Idle);
        Assert.Equal("ns-9999", merged.First(l => !l.Name.StartsWith('(')).Name);
        var other = merged.Single(l => l.Name == WorkloadNames.Other);
        Assert.Equal(10_000 - 98, other.Names);
        Assert.Equal(10_005, merged.Sum(l => l.Gpus));
        Assert.Equal(Enumerable.Range(0, 10_000).Sum(i => (double)i), merged.Sum(l => l.TokensPerSecond));
    }

    [Theory]
    [InlineData(CostModelKinds.PriceTier)]
    [InlineData(CostModelKinds.Tco)]
    public void Priced_lines_split_GPU_time_by_GPUs_and_energy_by_power_and_add_up_to_the_hall(string kind)
    {
        var cost = new CostModelSpec(kind, EnergyUsdPerMWh: 100);
        // 10 GPUs, 20 kW IT at PUE 1.5: 30 kW of facility power, 3 $/h of energy under the TCO.
        var hall = Hall(10, 20, 1.5, 103);
        WorkloadLine[] lines = [new("team-a", 6, 1000, 300, 15), new(WorkloadNames.Idle, 4, 0, 0, 5)];

        var priced = WorkloadPricing.Price(lines, hall, cost);

        var a = priced.Single(l => l.Name == "team-a");
        var energy = kind == CostModelKinds.Tco ? 100.0 : 0;
        Assert.Equal((103 - energy * 30 / 1000) * 0.6 + energy * 22.5 / 1000, a.CostPerHourUsd, 9);
        Assert.Equal(22.5, a.FacilityPowerKw, 9);
        Assert.Equal(0.75, a.PowerShare, 9);
        Assert.Equal(1, a.TokenShare);
        Assert.Equal(a.CostPerHourUsd / (1000 * 3600.0) * 1e6, a.CostPerMillionTokensUsd!.Value, 9);
        Assert.Null(priced.Single(l => l.Name == WorkloadNames.Idle).CostPerMillionTokensUsd);
        Assert.Equal(103, priced.Sum(l => l.CostPerHourUsd), 9);
    }

    /// <summary>Whatever the halls' lines, the facility's lines (idle and other included) add up to the halls' figures.</summary>
    [Fact]
    public void Facility_lines_add_up_to_the_halls_GPUs_tokens_power_and_cost()
    {
        var line = Gen.Select(Gen.Int[0, 300], Gen.Int[1, 72], Gen.Double[0, 5000], Gen.Double[0, 100])
            .Select(t => new WorkloadLine(t.Item1 == 0 ? WorkloadNames.Idle : $"ns-{t.Item1}", t.Item2, t.Item1 == 0 ? 0 : t.Item3, 0, t.Item4));
        var hall = Gen.Select(line.Array[1, 200], Gen.Double[1.05, 1.6], Gen.Double[0, 10_000]);
        Gen.Select(hall.Array[1, 4], Gen.Bool).Sample((halls, tco) =>
        {
            var cost = new CostModelSpec(tco ? CostModelKinds.Tco : CostModelKinds.PriceTier, EnergyUsdPerMWh: 80);
            var priced = halls.Select(h =>
            {
                var merged = WorkloadLines.Merge(h.Item1);
                var itKw = merged.Sum(l => l.ItPowerKw);
                return WorkloadPricing.Price(merged, Hall(merged.Sum(l => l.Gpus), itKw, h.Item2, h.Item3 + 80 * itKw * h.Item2 / 1000), cost);
            }).ToList();

            var facility = WorkloadPricing.Combine(priced);

            Assert.True(facility.Count <= WorkloadLines.MaxLines);
            Assert.Equal(priced.Sum(h => h.Sum(l => l.Gpus)), facility.Sum(l => l.Gpus));
            // Tolerances, not rounding to a number of digits: two sums a rounding error apart may round apart.
            Assert.Equal(priced.Sum(h => h.Sum(l => l.TokensPerSecond)), facility.Sum(l => l.TokensPerSecond), tolerance: 1e-6);
            Assert.Equal(priced.Sum(h => h.Sum(l => l.FacilityPowerKw)), facility.Sum(l => l.FacilityPowerKw), tolerance: 1e-6);
            Assert.Equal(priced.Sum(h => h.Sum(l => l.CostPerHourUsd)), facility.Sum(l => l.CostPerHourUsd), tolerance: 1e-6);
            Assert.Equal(halls.Sum(h => h.Item3 + 80 * h.Item1.Sum(l => l.ItPowerKw) * h.Item2 / 1000), facility.Sum(l => l.CostPerHourUsd), tolerance: 1e-6);
            if (facility.Sum(l => l.TokensPerSecond) > 0)
            {
                Assert.Equal(1, facility.Sum(l => l.TokenShare), tolerance: 1e-9);
            }
        });
    }

    /// <summary>
    /// A hall merges its racks' lines by index and in place; whatever the racks (stale, without lines, many tenants),
    /// it gets exactly the lines, to the last bit, of adding each rack's lines pairwise into new lines in rack order.
    /// </summary>
    [Fact]
    public void A_halls_merge_of_its_racks_is_exactly_the_pairwise_sum_of_their_lines_in_order()
    {
        var line = Gen.Select(Gen.Int[0, 12], Gen.Int[1, 72], Gen.Double[0, 5000], Gen.Double[0, 100])
            .Select(t => new WorkloadLine(t.Item1 == 0 ? WorkloadNames.Idle : $"ns-{t.Item1}", t.Item2, t.Item1 == 0 ? 0 : t.Item3, t.Item3 / 3, t.Item4));
        var rack = Gen.Select(line.Array[1, 4], Gen.Int[0, 9]).Select(t => Rack($"r{t.Item2}", stale: t.Item2 == 0) with
        {
            Tenants = t.Item2 == 1 ? null : t.Item1.DistinctBy(l => l.Name).ToArray(),
        });
        Gen.Select(rack.Array[0, 60], Gen.Int[2, 12]).Sample((racks, maxLines) =>
        {
            var perLine = racks.SelectMany(r => WorkloadLines.OfRack(r, r.Tenants)).ToList();

            var merged = WorkloadLines.MergeRacks(racks, r => r.Tenants, maxLines);

            Assert.Equal(WorkloadLines.Merge(perLine, maxLines), merged);
            Assert.Equal(PairwiseSums(perLine), WorkloadLines.Merge(perLine, int.MaxValue).OrderBy(l => l.Name, StringComparer.Ordinal));
        });
    }

    /// <summary>Lines of one name added pairwise into a new line each time, in the order they come.</summary>
    private static IEnumerable<WorkloadLine> PairwiseSums(IEnumerable<WorkloadLine> lines)
    {
        var sums = new Dictionary<string, WorkloadLine>(StringComparer.Ordinal);
        foreach (var l in lines)
        {
            sums[l.Name] = sums.TryGetValue(l.Name, out var s)
                ? s with
                {
                    Gpus = s.Gpus + l.Gpus,
                    TokensPerSecond = s.TokensPerSecond + l.TokensPerSecond,
                    OutputTokensPerSecond = s.OutputTokensPerSecond + l.OutputTokensPerSecond,
                    ItPowerKw = s.ItPowerKw + l.ItPowerKw,
                    Names = s.Name == WorkloadNames.Other ? s.Names + l.Names : s.Names,
                }
                : l;
        }

        return sums.Values.OrderBy(l => l.Name, StringComparer.Ordinal);
    }

    private static RackSnapshot Rack(string id, bool stale) =>
        new(id, "h", "t", "h100", 1, DateTimeOffset.UnixEpoch, stale ? 8 : 8, 8, 100, 30, 3, 4, 5, 0.5, 60, 0, "live", false, stale, 1, 1);
}
