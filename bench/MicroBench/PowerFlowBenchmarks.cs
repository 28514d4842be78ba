using BenchmarkDotNet.Attributes;
using TokenFactoryTwin.Domain.Power;

namespace TokenFactoryTwin.MicroBench;

/// <summary>Loads on the 1 GW power tree (772 nodes, 7,400 A/B-corded racks), healthy and with feed A failed.</summary>
public class PowerFlowBenchmarks
{
    private IReadOnlyList<RackPowerDemand> _demands = [];
    private readonly HashSet<string> _feedAFailed = ["feed-a"];

    [GlobalSetup]
    public void Setup() => _demands = GigawattBaseline.Facility.Racks
        .Zip(GigawattBaseline.Snapshots, (r, s) => new RackPowerDemand(r.Id, r.PowerA, r.PowerB, s.ItPowerKw)).ToList();

    [Benchmark(Description = "Power flow, 1 GW tree")]
    public PowerFlowResult Healthy() => PowerFlow.Evaluate(GigawattBaseline.Facility.PowerNodes, _demands);

    [Benchmark(Description = "Power flow, 1 GW tree, feed A failed")]
    public PowerFlowResult FeedLost() => PowerFlow.Evaluate(GigawattBaseline.Facility.PowerNodes, _demands, _feedAFailed);
}
