using TokenFactoryTwin.Abstractions.Topology;

namespace TokenFactoryTwin.ClusterTests.Infrastructure;

/// <summary>Small facilities built in code, each under a fresh id so a test's grains are its own.</summary>
public static class TestFacilities
{
    public static readonly TwinTiming FastTiming = new(TimeSpan.FromMilliseconds(100), StalePeriods: 5);

    public static string NewId(string prefix = "t") => $"{prefix}-{Guid.NewGuid():N}"[..20];

    /// <summary>
    /// Two halls (one air, H200; one liquid, GB300) on an A/B power path: feed → UPS → one busway per side per hall.
    /// Racks are simulated at a constant load without noise unless <paramref name="live"/> makes them live.
    /// </summary>
    public static FacilitySpec TwoHalls(string id, int h200Racks = 2, int gb300Racks = 2, bool live = false, double level = 0.8)
    {
        var source = live
            ? new TelemetrySourceSpec(TelemetrySourceKinds.Live, [new HostSpec("host-1", 8)])
            : new TelemetrySourceSpec(TelemetrySourceKinds.Simulated, Load: new LoadCurveSpec("constant", level, Noise: 0));
        var nodes = new List<PowerNodeSpec>
        {
            new("feed-a", "Feed A", PowerNodeKind.UtilityFeed, "A", 4000),
            new("feed-b", "Feed B", PowerNodeKind.UtilityFeed, "B", 4000),
            new("ups-a", "UPS A", PowerNodeKind.Ups, "A", 3000, "feed-a"),
            new("ups-b", "UPS B", PowerNodeKind.Ups, "B", 3000, "feed-b"),
            new("bw-1a", "Busway 1A", PowerNodeKind.Busway, "A", 575, "ups-a"),
            new("bw-1b", "Busway 1B", PowerNodeKind.Busway, "B", 575, "ups-b"),
            new("bw-2a", "Busway 2A", PowerNodeKind.Busway, "A", 800, "ups-a"),
            new("bw-2b", "Busway 2B", PowerNodeKind.Busway, "B", 800, "ups-b"),
        };
        var racks = new List<RackSpec>();
        for (var i = 1; i <= h200Racks; i++)
        {
            racks.Add(new RackSpec($"h1-{i:d2}", "hall-1", "hgx-h200-4x", 1, i, "bw-1a", "bw-1b", source,
                new WorkloadSpec("deepseek-r1-0528", "article-dsr1-h200")));
        }

        for (var i = 1; i <= gb300Racks; i++)
        {
            racks.Add(new RackSpec($"h2-{i:d2}", "hall-2", "gb300-nvl72", 1, i, "bw-2a", "bw-2b", source,
                new WorkloadSpec("deepseek-r1-0528", "article-dsr1-gb300")));
        }

        return new FacilitySpec(
            id,
            $"Test facility {id}",
            [new HallSpec("hall-1", "Hall 1", "air", 1.29), new HallSpec("hall-2", "Hall 2", "liquid", 1.12)],
            nodes,
            racks,
            [new SpineSwitchSpec("spine-1", 1024, 800)],
            // One uplink port per GPU, as the catalog's rack types have: 400G for HGX H200, 800G for GB300 NVL72.
            racks.Select(r => r.RackType == "gb300-nvl72"
                ? new NetworkLinkSpec($"up-{r.Id}", r.Id, "spine-1", 800, 72)
                : new NetworkLinkSpec($"up-{r.Id}", r.Id, "spine-1", 400, 32)).ToList(),
            new CostModelSpec());
    }

    /// <summary>
    /// One liquid-cooled hall of <paramref name="racks"/> live GB300 NVL72 racks in rows of 20, each fed by its row's
    /// A and B busway, with <paramref name="hostsPerRack"/> hosts named <c>{rack}-n{i}</c> and one uplink bundle.
    /// </summary>
    public static FacilitySpec LiveRows(string id, int racks, int hostsPerRack = 18)
    {
        var rows = (racks + 19) / 20;
        var nodes = new List<PowerNodeSpec>
        {
            new("feed-a", "Feed A", PowerNodeKind.UtilityFeed, "A", racks * 200.0),
            new("feed-b", "Feed B", PowerNodeKind.UtilityFeed, "B", racks * 200.0),
        };
        for (var row = 1; row <= rows; row++)
        {
            nodes.Add(new($"bw-{row:d2}a", $"Busway {row}A", PowerNodeKind.Busway, "A", 4000, "feed-a"));
            nodes.Add(new($"bw-{row:d2}b", $"Busway {row}B", PowerNodeKind.Busway, "B", 4000, "feed-b"));
        }

        var rackSpecs = Enumerable.Range(0, racks).Select(i =>
        {
            var (row, position) = (i / 20 + 1, i % 20 + 1);
            var rackId = $"r{row:d2}-{position:d2}";
            var hosts = Enumerable.Range(0, hostsPerRack).Select(n => new HostSpec($"{rackId}-n{n:d2}", 72 / hostsPerRack)).ToList();
            return new RackSpec(rackId, "hall-1", "gb300-nvl72", row, position, $"bw-{row:d2}a", $"bw-{row:d2}b",
                new TelemetrySourceSpec(TelemetrySourceKinds.Live, hosts), new WorkloadSpec("deepseek-r1-0528", "article-dsr1-gb300"));
        }).ToList();
        return new FacilitySpec(
            id,
            $"Live test facility {id}",
            [new HallSpec("hall-1", "Hall 1", "liquid", 1.12)],
            nodes,
            rackSpecs,
            [new SpineSwitchSpec("spine-1", 65536, 800)],
            rackSpecs.Select(r => new NetworkLinkSpec($"up-{r.Id}", r.Id, "spine-1", 800, 72)).ToList(),
            new CostModelSpec());
    }
}
