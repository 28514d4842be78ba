using CsCheck;
using TokenFactoryTwin.Abstractions.Kpis;
using TokenFactoryTwin.Domain.Kpis;

namespace TokenFactoryTwin.UnitTests.Kpis;

/// <summary>
/// The staged roll-up (racks → halls → facility) over any split of any racks into halls: the facility's totals are
/// its racks' totals, whatever hall each rack is in and in whatever order the halls report.
/// </summary>
public sealed class RollUpProperties
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly Gen<RackSnapshot> Racks =
        Gen.Select(Gen.Int[1, 72], Gen.Double[0, 1e6], Gen.Double[0, 150], Gen.Bool, Gen.Bool, Gen.Int[0, 2])
            .Select((gpus, tokens, kw, stale, isVirtual, type) => new RackSnapshot(
                "rack", "hall", $"type-{type}", $"gpu-{type}", 1, T0, gpus, stale ? 0 : gpus, tokens, tokens / 3, kw * 0.8, kw,
                kw * 1.2, 0.5, 60, 0, "simulated", isVirtual, stale, 1, 1));

    [Fact]
    public void Facility_totals_equal_the_sum_of_its_racks_whatever_the_halls()
    {
        Gen.Select(Racks.Array[0, 60], Gen.Int[1, 5], Gen.Double[1, 2].Array[5]).Sample((racks, halls, pues) =>
        {
            var byHall = racks.Select((r, i) => (Rack: r, Hall: i % halls)).GroupBy(x => x.Hall).ToList();
            var hallTotals = byHall.Select(g => KpiTotalsMath.FromRacks(g.Select(x => x.Rack), pues[g.Key])).Reverse();
            var facility = KpiTotalsMath.Sum(hallTotals);
            var live = racks.Where(r => !r.Stale).ToList();
            const double eps = 1e-6;

            return facility.Racks == racks.Length
                && facility.Gpus == racks.Sum(r => r.Gpus)
                && facility.GpusReporting == live.Sum(r => r.GpusReporting)
                && facility.StaleRacks == racks.Count(r => r.Stale)
                && facility.VirtualRacks == racks.Count(r => r.Virtual)
                && Math.Abs(facility.TokensPerSecond - live.Sum(r => r.TokensPerSecond)) <= eps * Math.Max(1, facility.TokensPerSecond)
                && Math.Abs(facility.ItPowerKw - live.Sum(r => r.ItPowerKw)) <= eps
                && Math.Abs(facility.FacilityPowerKw - byHall.Sum(g => g.Where(x => !x.Rack.Stale).Sum(x => x.Rack.ItPowerKw) * pues[g.Key])) <= eps
                && Math.Abs(facility.ProvisionedPowerKw - racks.Sum(r => r.ProvisionedPowerKw)) <= eps
                && facility.GpusByType.Values.Sum() == facility.Gpus
                && facility.RacksByType.Values.Sum() == facility.Racks;
        }, iter: 500);
    }
}
