using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.ClusterTests.Infrastructure;

namespace TokenFactoryTwin.ClusterTests.Grains;

[Collection(TwinClusterCollection.Name)]
public sealed class FacilityAggregationTests(TwinClusterFixture fixture)
{
    [Fact]
    public async Task Facility_equals_the_sum_of_its_halls_and_racks()
    {
        var id = TestFacilities.NewId();
        var spec = TestFacilities.TwoHalls(id, h200Racks: 3, gb300Racks: 2);
        var facility = fixture.Grains.GetGrain<IFacilityKpiGrain>(TwinKeys.Facility(id));
        var topology = fixture.Grains.GetGrain<IFacilityTopologyGrain>(TwinKeys.Facility(id));
        await topology.Start(spec, TestFacilities.FastTiming);

        // Constant load without noise: each GPU produces 80 % of its operating point, so the sums are exact. Wait for
        // that figure, not merely for tokens: a rack has a rate only from its second tick, and racks start apart.
        var expectedTokens = 0.8 * (3 * 32 * 93.3 + 2 * 72 * 6000);
        // Facility and hall figures are set together at each flush of the facility, but two reads can straddle a
        // flush: read both until they agree on tokens (the one figure that moves between flushes), then compare the rest.
        var (kpis, halls) = await Eventually.Get(
            async () => (Kpis: await facility.GetKpis(), Halls: await facility.GetHalls()),
            t => t.Kpis.Racks == 5 && t.Kpis.GpusReporting == 3 * 32 + 2 * 72
                && Math.Abs(t.Kpis.TokensPerSecond - expectedTokens) < expectedTokens * 0.02
                && Math.Abs(t.Halls.Sum(h => h.TokensPerSecond) - t.Kpis.TokensPerSecond) < 1e-6,
            what: "all five racks reporting their tokens");
        var racks = await facility.GetRacks();
        Assert.Equal(5, racks.Count);
        Assert.Equal(2, halls.Count);
        Assert.Equal(3 * 32 + 2 * 72, kpis.Gpus);
        Assert.Equal(kpis.Gpus, halls.Sum(h => h.Gpus));
        Assert.Equal(halls.Sum(h => h.Racks), kpis.Racks);
        Assert.Equal(racks.Sum(r => r.ProvisionedPowerKw), kpis.ProvisionedPowerKw, 6);
        Assert.Equal(3 * 32 * 1.73 + 2 * 72 * 2.1, kpis.ProvisionedPowerKw, 6);

        Assert.Equal(expectedTokens, kpis.TokensPerSecond, expectedTokens * 0.02);
        Assert.Equal(halls.Sum(h => h.TokensPerSecond), kpis.TokensPerSecond, 1e-6);
        Assert.Equal(halls.Sum(h => h.FacilityPowerKw), kpis.FacilityPowerKw, 1e-6);
        Assert.Equal(halls.Sum(h => h.CostPerHourUsd), kpis.CostPerHourUsd, 1e-6);
        Assert.Equal(3 * 32 * 1.41 + 2 * 72 * 2.652, kpis.CostPerHourUsd, 6);
    }
}
