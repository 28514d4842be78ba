using BenchmarkDotNet.Attributes;
using TokenFactoryTwin.Abstractions.Planning;
using TokenFactoryTwin.Domain.Facilities;
using TokenFactoryTwin.Domain.Flex;
using TokenFactoryTwin.Domain.Planning;

namespace TokenFactoryTwin.MicroBench;

/// <summary>
/// Planning a 20 % flex event over the 1 GW facility (7,400 GB300 racks, 533k GPUs): the cap path over every rack,
/// the exact plan, the flat cut it is compared with and the 13-point shed curve. Each rack runs at its own load
/// (50–95 %), so no two neighbours share a draw and nothing can be computed once for all.
/// </summary>
public class FlexBenchmarks
{
    private PlanModel _model = null!;
    private FlexEventChange _shed20 = null!;

    [GlobalSetup]
    public void Setup()
    {
        var facility = GigawattBaseline.Facility;
        var snapshots = facility.Racks.Select((r, i) =>
            PlannedFigures.AtLoad(r, RackProfiles.Resolve(r, GigawattBaseline.Catalog), 0.5 + (0.45 * (i * 7919 % 1000) / 1000.0), GigawattBaseline.At) with { Virtual = false }).ToList();
        _model = PlanBuilder.FromBaseline(new ScenarioBaseline(GigawattBaseline.At, facility, snapshots), GigawattBaseline.Catalog);
        var power = PlanMeasure.Measure(_model, GigawattBaseline.Catalog).Facility.FacilityPowerKw;
        _shed20 = new FlexEventChange(ShedKw: 0.2 * power, Hours: 3);

        // A benchmark of a plan that met nothing would measure nothing: check it sheds its target over every rack.
        var plan = Plan();
        if (!plan.Met || plan.Racks.Count < GigawattBaseline.Racks / 2)
        {
            throw new InvalidOperationException($"the plan shed {plan.AchievedShedKw:N0} of {plan.TargetShedKw:N0} kW over {plan.Racks.Count} racks");
        }
    }

    [Benchmark(Description = "Flex plan: 1 GW, 20 % shed")]
    public FlexPlan Plan() => FlexPlanner.Plan(_model, _shed20, GigawattBaseline.Catalog);
}
