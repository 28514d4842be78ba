using TokenFactoryTwin.Abstractions.Topology;

namespace TokenFactoryTwin.Bench;

/// <summary>
/// A facility of N simulated GB300 NVL72 racks in the shape of a gigawatt AI factory: halls of about 500 racks in
/// rows of 20, an A and a B busway per row, a UPS per side per hall and a utility feed per side, each node rated so
/// its derated capacity carries its whole load if the partner side is lost (the benchmark measures the twin, not an
/// overloaded design). Each rack has one uplink bundle of 72 × 800 Gb/s to one of its hall's spines (one port per
/// GPU, as the catalog has it). 7,400 racks is 533k GPUs and, at 135 kW a rack, 1 GW of IT load.
/// </summary>
public static class GigawattFacility
{
    public const int RacksPerRow = 20;
    private const double RackKw = 135;
    private const double Derating = 0.8;
    private const int SpinesPerHall = 10;
    private const int SpinePorts = 4096;

    /// <param name="live">Live racks (18 hosts of 4 GPUs, named <c>{rack}-n00</c>…) fed from outside, instead of simulated ones.</param>
    public static FacilitySpec Build(string id, int racks, int racksPerHall, LoadCurveSpec load, bool live = false)
    {
        var halls = (racks + racksPerHall - 1) / racksPerHall;
        var hallSpecs = new List<HallSpec>(halls);
        var nodes = new List<PowerNodeSpec>
        {
            new("feed-a", "Utility feed A", PowerNodeKind.UtilityFeed, "A", Rating(racks)),
            new("feed-b", "Utility feed B", PowerNodeKind.UtilityFeed, "B", Rating(racks)),
        };
        var rackSpecs = new List<RackSpec>(racks);
        var spines = new List<SpineSwitchSpec>();
        var links = new List<NetworkLinkSpec>(racks);
        var simulated = new TelemetrySourceSpec(TelemetrySourceKinds.Simulated, Load: load);
        var workload = new WorkloadSpec("deepseek-r1-0528", "article-dsr1-gb300");
        for (var h = 1; h <= halls; h++)
        {
            var hall = $"hall-{h:d2}";
            var inHall = Math.Min(racksPerHall, racks - rackSpecs.Count);
            hallSpecs.Add(new HallSpec(hall, $"Hall {h} - GB300 NVL72 (liquid)", CoolingKinds.Liquid, 1.12));
            nodes.Add(new($"ups-{h:d2}a", $"Hall {h} UPS A", PowerNodeKind.Ups, "A", Rating(inHall), "feed-a"));
            nodes.Add(new($"ups-{h:d2}b", $"Hall {h} UPS B", PowerNodeKind.Ups, "B", Rating(inHall), "feed-b"));
            spines.AddRange(Enumerable.Range(1, SpinesPerHall).Select(s => new SpineSwitchSpec($"spine-{h:d2}-{s:d2}", SpinePorts, 800)));
            for (var i = 0; i < inHall; i++)
            {
                var row = i / RacksPerRow + 1;
                var position = i % RacksPerRow + 1;
                var busway = $"bw-{h:d2}-{row:d2}";
                if (position == 1)
                {
                    var inRow = Math.Min(RacksPerRow, inHall - i);
                    nodes.Add(new($"{busway}a", $"Busway H{h} row {row} A", PowerNodeKind.Busway, "A", Rating(inRow), $"ups-{h:d2}a"));
                    nodes.Add(new($"{busway}b", $"Busway H{h} row {row} B", PowerNodeKind.Busway, "B", Rating(inRow), $"ups-{h:d2}b"));
                }

                var rackId = $"h{h:d2}-r{row:d2}-{position:d2}";
                var source = live
                    ? new TelemetrySourceSpec(TelemetrySourceKinds.Live, Enumerable.Range(0, 18).Select(n => new HostSpec($"{rackId}-n{n:d2}", 4)).ToList())
                    : simulated;
                rackSpecs.Add(new RackSpec(rackId, hall, "gb300-nvl72", row, position, $"{busway}a", $"{busway}b", source, workload));
                links.Add(new NetworkLinkSpec($"up-{rackId}", rackId, $"spine-{h:d2}-{i % SpinesPerHall + 1:d2}", 800, 72));
            }
        }

        return new FacilitySpec(id, $"Benchmark facility: {racks:N0} GB300 NVL72 racks", hallSpecs, nodes, rackSpecs, spines, links, new CostModelSpec());
    }

    public static LoadCurveSpec Load(string kind) => kind switch
    {
        LoadCurveKinds.Constant => new LoadCurveSpec(LoadCurveKinds.Constant, 0.8),
        LoadCurveKinds.Diurnal => new LoadCurveSpec(LoadCurveKinds.Diurnal, Min: 0.5, Max: 0.95),
        _ => throw new ArgumentException($"--load '{kind}' is not constant or diurnal"),
    };

    // Sized so the derated rating carries every rack below it at full draw, even with the partner side lost.
    private static double Rating(int racks) => Math.Ceiling(racks * RackKw / Derating);
}
