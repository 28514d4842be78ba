using TokenFactoryTwin.Abstractions.Topology;

namespace TokenFactoryTwin.BrowserTests.Infrastructure;

/// <summary>
/// The facility the browser tests watch: two halls of simulated racks on an A/B power path, one live rack fed by the
/// tests themselves, and a spare pair of small busways with nothing on them yet (a test puts a rack there to push
/// them over their rating).
/// </summary>
public static class LiveViewFacility
{
    public const string LiveRack = "h1-live";
    public const string SpareBuswayA = "bw-spare-a";
    public const string SpareBuswayB = "bw-spare-b";

    /// <summary>The grid's carbon intensity the site is priced at.</summary>
    public const double GramsPerKwh = 370;

    /// <summary>Fast enough that a silent rack turns stale in two seconds, slow enough for a 1 s view to see it live first.</summary>
    public static readonly TwinTiming Timing = new(TimeSpan.FromMilliseconds(250), StalePeriods: 8);

    public static FacilitySpec Create(string id)
    {
        var simulated = new TelemetrySourceSpec(TelemetrySourceKinds.Simulated, Load: new LoadCurveSpec("constant", 0.8, Noise: 0.08));
        var live = new TelemetrySourceSpec(TelemetrySourceKinds.Live, [new HostSpec("live-1", 8), new HostSpec("live-2", 8), new HostSpec("live-3", 8), new HostSpec("live-4", 8)]);
        var nodes = new List<PowerNodeSpec>
        {
            new("feed-a", "Utility feed A", PowerNodeKind.UtilityFeed, "A", 4000),
            new("feed-b", "Utility feed B", PowerNodeKind.UtilityFeed, "B", 4000),
            new("ups-a", "UPS A", PowerNodeKind.Ups, "A", 3000, "feed-a"),
            new("ups-b", "UPS B", PowerNodeKind.Ups, "B", 3000, "feed-b"),
            new("bw-1a", "Busway 1A", PowerNodeKind.Busway, "A", 575, "ups-a"),
            new("bw-1b", "Busway 1B", PowerNodeKind.Busway, "B", 575, "ups-b"),
            new("bw-2a", "Busway 2A", PowerNodeKind.Busway, "A", 800, "ups-a"),
            new("bw-2b", "Busway 2B", PowerNodeKind.Busway, "B", 800, "ups-b"),
            new(SpareBuswayA, "Spare busway A", PowerNodeKind.Busway, "A", 50, "ups-a"),
            new(SpareBuswayB, "Spare busway B", PowerNodeKind.Busway, "B", 50, "ups-b"),
        };
        var racks = new List<RackSpec>
        {
            new("h1-01", "hall-1", "hgx-h200-4x", 1, 1, "bw-1a", "bw-1b", simulated with { Seed = 1 }, new WorkloadSpec("deepseek-r1-0528", "article-dsr1-h200")),
            new("h1-02", "hall-1", "hgx-h200-4x", 1, 2, "bw-1a", "bw-1b", simulated with { Seed = 2 }, new WorkloadSpec("deepseek-r1-0528", "article-dsr1-h200")),
            new(LiveRack, "hall-1", "hgx-h200-4x", 2, 1, "bw-1a", "bw-1b", live, new WorkloadSpec("deepseek-r1-0528", "article-dsr1-h200")),
            new("h2-01", "hall-2", "gb300-nvl72", 1, 1, "bw-2a", "bw-2b", simulated with { Seed = 3 }, new WorkloadSpec("deepseek-r1-0528", "article-dsr1-gb300")),
            new("h2-02", "hall-2", "gb300-nvl72", 1, 2, "bw-2a", "bw-2b", simulated with { Seed = 4 }, new WorkloadSpec("deepseek-r1-0528", "article-dsr1-gb300")),
        };

        return new FacilitySpec(
            id,
            "Browser test site",
            [new HallSpec("hall-1", "Hall 1 - HGX H200 (air)", "air", 1.29), new HallSpec("hall-2", "Hall 2 - GB300 NVL72 (liquid)", "liquid", 1.12)],
            nodes,
            racks,
            [new SpineSwitchSpec("spine-1", 1024, 800)],
            // One 800G uplink per GPU, as scale-out fabrics for these racks are built.
            racks.Select(r => new NetworkLinkSpec($"up-{r.Id}", r.Id, "spine-1", 800, r.RackType == "gb300-nvl72" ? 72 : 32)).ToList(),
            new CostModelSpec(),
            new CarbonSpec(GramsPerKwh));
    }

    /// <summary>A GB300 rack on the spare busways: about 65 kW per cord against their 40 kW derated rating.</summary>
    public static RackSpec OverloadingRack(string id) => new(
        id, "hall-2", "gb300-nvl72", 2, 1, SpareBuswayA, SpareBuswayB,
        new TelemetrySourceSpec(TelemetrySourceKinds.Simulated, Load: new LoadCurveSpec("constant", 0.9, Noise: 0)),
        new WorkloadSpec("deepseek-r1-0528", "article-dsr1-gb300"));
}
