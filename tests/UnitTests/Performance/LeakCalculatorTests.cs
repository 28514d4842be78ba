using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Domain.Catalog;
using TokenFactoryTwin.Domain.Performance.Leaks;

namespace TokenFactoryTwin.UnitTests.Performance;

public sealed class LeakCalculatorTests
{
    private static readonly TwinCatalog Catalog = CatalogLoader.BuiltIn;

    [Fact]
    public void A_rack_short_of_its_operating_point_leaves_tokens_and_dollars_on_the_table()
    {
        var article = new WorkloadSpec("deepseek-r1-0528", "article-dsr1-gb300");
        var report = LeakCalculator.Compute(
        [
            new RackDemand("r1", "hall-2", "gb300", 72, "live", 72 * 6000 * 0.75, article),
            new RackDemand("r2", "hall-2", "gb300", 72, "live", 72 * 6000, article),
            new RackDemand("r3", "hall-1", "h200", 32, "simulated", 0, new WorkloadSpec("llama-3.3-70b", Interactivity: 50, Precision: "fp8")),
        ], Catalog, "hyperscaler");

        var r1 = report.Racks.Single(r => r.Rack == "r1");
        Assert.Equal(72 * 6000, r1.ModelledTokensPerSecond, 6);
        Assert.Equal(0.75, r1.Ratio!.Value, 9);
        Assert.Equal(72 * 6000 * 0.25, r1.TokensLeftPerSecond, 6);
        Assert.Equal(72 * 2.652 * 0.25, r1.UsdPerHourLeft, 6); // a quarter of the rack's GPU-hours buys nothing
        Assert.Equal("published", r1.OperatingPointSource);

        var r3 = report.Racks.Single(r => r.Rack == "r3");
        Assert.Equal("modelled", r3.OperatingPointSource);
        Assert.Equal(0, r3.Ratio!.Value);
        Assert.Equal(32 * 1.41, r3.UsdPerHourLeft, 6);

        var hall2 = report.Halls.Single(h => h.Scope == "hall-2");
        Assert.Equal(0.875, hall2.Ratio!.Value, 9);
        Assert.Equal(report.Racks.Sum(r => r.TokensLeftPerSecond), report.Facility.TokensLeftPerSecond, 6);
    }

    [Fact]
    public void A_rack_whose_servers_report_running_requests_is_measured_at_the_interactivity_its_users_see()
    {
        var workload = new WorkloadSpec("llama-3.3-70b", Interactivity: 50, Precision: "fp8");
        var busy = new RackDemand("r1", "hall-2", "gb300", 72, "live", 40_000, workload, OutputTokensPerSecond: 20_000, RunningRequests: 1_000);
        var quiet = new RackDemand("r2", "hall-2", "gb300", 72, "live", 40_000, workload, OutputTokensPerSecond: 20_000);

        var report = LeakCalculator.Compute([busy, quiet], Catalog, "hyperscaler");

        var observed = report.Racks.Single(r => r.Rack == "r1");
        Assert.Equal(20, busy.ObservedInteractivity); // 20,000 output tokens/s over 1,000 running requests
        Assert.Equal(RackLeak.Observed, observed.InteractivitySource);
        Assert.Equal(72 * Catalog.ResolveOperatingPoint(workload with { Interactivity = 20 }, "gb300")!.TokensPerGpuPerSecond, observed.ModelledTokensPerSecond, 6);

        var stated = report.Racks.Single(r => r.Rack == "r2");
        Assert.Equal(RackLeak.Stated, stated.InteractivitySource);
        Assert.Equal(50, stated.Interactivity);
        Assert.True(observed.ModelledTokensPerSecond > stated.ModelledTokensPerSecond, "a slower interactivity lets the same GPUs serve more tokens");
    }
}
