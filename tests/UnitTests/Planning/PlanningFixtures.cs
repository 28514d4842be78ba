using TokenFactoryTwin.Abstractions.Planning;
using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Domain.Catalog;
using TokenFactoryTwin.Domain.Facilities;
using TokenFactoryTwin.Domain.Planning;

namespace TokenFactoryTwin.UnitTests.Planning;

/// <summary>Facilities and baselines for the planner's hand-checked cases.</summary>
internal static class PlanningFixtures
{
    public const string Scenario = "s-test";

    public static readonly DateTimeOffset At = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static TwinCatalog Catalog => CatalogLoader.BuiltIn;

    /// <summary>A baseline in which every rack reported exactly its catalog figures at <paramref name="level"/> of its operating point.</summary>
    public static ScenarioBaseline Baseline(FacilitySpec spec, double level = 1.0) => new(
        At,
        spec,
        spec.Racks.Select(r => PlannedFigures.AtLoad(r, RackProfiles.Resolve(r, Catalog), level, At) with { Virtual = false }).ToList());

    /// <summary>
    /// Hall 1: <paramref name="h200"/> HGX H200 racks on busways 1A/1B (575 kW, 460 derated). Hall 2: <paramref name="gb300"/>
    /// GB300 NVL72 racks on busways 2A/2B (<paramref name="busway2Kw"/>). Feeds 4 MW, UPSs 3 MW per side. Both halls liquid-cooled,
    /// so either rack type may stand in either.
    /// </summary>
    public static FacilitySpec TwoHalls(int h200 = 8, int gb300 = 4, double busway2Kw = 800, double? hall2CoolingKw = null, double upsKw = 3000)
    {
        var source = new TelemetrySourceSpec(TelemetrySourceKinds.Simulated, Load: new LoadCurveSpec("constant", 1, Noise: 0));
        var racks = new List<RackSpec>();
        for (var i = 1; i <= h200; i++)
        {
            racks.Add(new RackSpec($"h1-{i:d2}", "hall-1", "hgx-h200-4x", 1, i, "bw-1a", "bw-1b", source,
                new WorkloadSpec("deepseek-r1-0528", "article-dsr1-h200")));
        }

        for (var i = 1; i <= gb300; i++)
        {
            racks.Add(new RackSpec($"h2-{i:d2}", "hall-2", "gb300-nvl72", 1, i, "bw-2a", "bw-2b", source,
                new WorkloadSpec("deepseek-r1-0528", "article-dsr1-gb300")));
        }

        return new FacilitySpec(
            "plan-test",
            "Planner test facility",
            [new HallSpec("hall-1", "Hall 1", "liquid", 1.29), new HallSpec("hall-2", "Hall 2", "liquid", 1.12, hall2CoolingKw)],
            [
                new("feed-a", "Feed A", PowerNodeKind.UtilityFeed, "A", Math.Max(4000, upsKw)),
                new("feed-b", "Feed B", PowerNodeKind.UtilityFeed, "B", Math.Max(4000, upsKw)),
                new("ups-a", "UPS A", PowerNodeKind.Ups, "A", upsKw, "feed-a"),
                new("ups-b", "UPS B", PowerNodeKind.Ups, "B", upsKw, "feed-b"),
                new("bw-1a", "Busway 1A", PowerNodeKind.Busway, "A", 575, "ups-a"),
                new("bw-1b", "Busway 1B", PowerNodeKind.Busway, "B", 575, "ups-b"),
                new("bw-2a", "Busway 2A", PowerNodeKind.Busway, "A", busway2Kw, "ups-a"),
                new("bw-2b", "Busway 2B", PowerNodeKind.Busway, "B", busway2Kw, "ups-b"),
            ],
            racks,
            [new SpineSwitchSpec("spine-1", 4096, 800)],
            racks.Select(r => new NetworkLinkSpec($"up-{r.Id}", r.Id, "spine-1", 800, r.RackType == "gb300-nvl72" ? 72 : 32)).ToList(),
            new CostModelSpec());
    }

    public static IReadOnlyList<ScenarioChangeEntry> Changes(params ScenarioChange[] changes) =>
        changes.Select((c, i) => new ScenarioChangeEntry(i + 1, At, c)).ToList();

    public static ScenarioEvaluation Evaluate(FacilitySpec spec, params ScenarioChange[] changes) =>
        ScenarioEvaluator.Evaluate(Baseline(spec), Changes(changes), Scenario, Catalog);

    public static AddRacksChange AddGb300(int count, string a = "bw-2a", string? b = "bw-2b") =>
        new("gb300-nvl72", count, "hall-2", a, b, Workload: new WorkloadSpec("deepseek-r1-0528"));
}
