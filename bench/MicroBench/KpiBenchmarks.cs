using BenchmarkDotNet.Attributes;
using TokenFactoryTwin.Abstractions.Kpis;
using TokenFactoryTwin.Domain.Economics;
using TokenFactoryTwin.Domain.Kpis;

namespace TokenFactoryTwin.MicroBench;

/// <summary>
/// The aggregation a flush does: a hall summing its 500 racks' snapshots, and the facility summing 15 halls and
/// deriving its KPIs and cost (tokens/s per MW, cost per million tokens) — what the grains do once a second.
/// </summary>
public class KpiBenchmarks
{
    private IReadOnlyList<RackSnapshot> _hall = [];
    private IReadOnlyList<KpiTotals> _halls = [];
    private CostModel _cost = null!;

    [GlobalSetup]
    public void Setup()
    {
        _hall = GigawattBaseline.Snapshots.Where(r => r.Hall == "hall-01").ToList();
        _halls = GigawattBaseline.Snapshots.GroupBy(r => r.Hall).Select(g => KpiTotalsMath.FromRacks(g, 1.12)).ToList();
        _cost = new CostModel(GigawattBaseline.Facility.CostModel, GigawattBaseline.Catalog);
    }

    [Benchmark(Description = "Hall totals from 500 rack snapshots")]
    public KpiTotals HallTotals() => KpiTotalsMath.FromRacks(_hall, 1.12);

    [Benchmark(Description = "Facility KPIs and cost from 15 halls")]
    public TwinKpis FacilityKpis()
    {
        var totals = KpiTotalsMath.Sum(_halls);
        return KpiCalculator.Derive("giga", "1 GW", GigawattBaseline.At, totals, _cost.CostPerHourUsd(totals), 1.12, stale: false);
    }
}
