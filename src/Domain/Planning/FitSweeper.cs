using TokenFactoryTwin.Abstractions.Planning;
using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Domain.Catalog;
using TokenFactoryTwin.Domain.Economics;
using TokenFactoryTwin.Domain.Facilities;
using TokenFactoryTwin.Domain.Kpis;
using TokenFactoryTwin.Domain.Power;

namespace TokenFactoryTwin.Domain.Planning;

/// <summary>
/// "How many racks fit?": adds racks to a hall one at a time, each on the hall's A/B pair with the most N+1 headroom,
/// until a constraint that held at the start breaks. Incremental: each step adds one rack's load up its two chains and
/// one rack's totals, so a sweep of a thousand racks costs about as much as one evaluation.
/// </summary>
public static class FitSweeper
{
    public const int MaxRacks = 2000;

    public static (IReadOnlyList<ChangeProblem> Problems, FitSweepResult? Result) Run(PlanModel model, FitSweepRequest request, TwinCatalog catalog)
    {
        var problems = new List<ChangeProblem>();
        var type = ChangeChecks.RackType(problems, "rackType", request.RackType, catalog);
        var hall = ChangeChecks.Hall(problems, "hall", request.Hall, model);
        ChangeChecks.Cooling(problems, "hall", type, hall);
        if (request.PowerA is not null || request.PowerB is not null)
        {
            ChangeChecks.Feeds(problems, request.PowerA, request.PowerB, model);
        }

        if (request.MaxRacks is < 1 or > MaxRacks)
        {
            problems.Add(new("maxRacks", $"must be 1..{MaxRacks} (got {request.MaxRacks})"));
        }

        ChangeChecks.Finite(problems, "loadLevel", request.LoadLevel, 0, 1);
        if (request.StopAt is not (FitSweepRequest.StopAtAny or FitSweepRequest.StopAtPower))
        {
            problems.Add(new("stopAt", $"must be '{FitSweepRequest.StopAtAny}' or '{FitSweepRequest.StopAtPower}' (got '{request.StopAt}')"));
        }

        if (type is not null)
        {
            ChangeChecks.Workload(problems, "workload", request.Workload, [type.Gpu], catalog);
        }

        var capW = CapW(problems, request, type, catalog);

        var pairs = hall is null ? [] : Pairs(model, hall.Id, request);
        if (hall is not null && pairs.Count == 0)
        {
            problems.Add(new("powerA", $"hall '{hall.Id}' has no racks to learn its busways from; give powerA and powerB"));
        }

        if (problems.Count > 0 || type is null || hall is null)
        {
            return (problems, null);
        }

        var result = new Sweep(model, hall, type, pairs, request, catalog, capW).Run();
        return ([], capW is null ? result : result with { Uncapped = new Sweep(model, hall, type, pairs, request, catalog, null).Run() });
    }

    /// <summary>The cap per GPU a sweep asks for, in watts; null when uncapped.</summary>
    private static double? CapW(List<ChangeProblem> problems, FitSweepRequest request, RackTypeSpec? type, TwinCatalog catalog)
    {
        if (request.CapWPerGpu is null && request.CapPercentOfRated is null)
        {
            return null;
        }

        if (request.CapWPerGpu is not null && request.CapPercentOfRated is not null)
        {
            problems.Add(new("capW", "give either capW or capPercent, not both"));
            return null;
        }

        if (type is null || catalog.FindGpu(type.Gpu) is not { } gpu)
        {
            return null;
        }

        if (request.CapPercentOfRated is { } percent)
        {
            ChangeChecks.Finite(problems, "capPercent", percent, 10, 100, " %");
            return Math.Max(gpu.IdleW, gpu.TdpW * percent / 100);
        }

        ChangeChecks.Finite(problems, "capW", request.CapWPerGpu!.Value, gpu.IdleW, gpu.TdpW, $" W (idle to rated for {gpu.Id})");
        return request.CapWPerGpu;
    }

    /// <summary>The A/B cord pairs racks of the hall already use, each with the row its racks stand in.</summary>
    private static List<(string A, string? B, int Row)> Pairs(PlanModel model, string hall, FitSweepRequest request)
    {
        var inHall = model.Racks.Where(r => r.Hall == hall).ToList();
        if (request.PowerA is not null)
        {
            var onPair = inHall.Where(r => r.PowerA == request.PowerA && r.PowerB == request.PowerB).ToList();
            var row = onPair.Count > 0 ? onPair[0].Row : inHall.Select(r => r.Row).DefaultIfEmpty(0).Max() + 1;
            return [(request.PowerA, request.PowerB, row)];
        }

        return inHall.GroupBy(r => (r.PowerA, r.PowerB))
            .Select(g => (g.Key.PowerA, g.Key.PowerB, g.GroupBy(r => r.Row).OrderByDescending(rows => rows.Count()).First().Key))
            .ToList();
    }

    private sealed class Sweep(PlanModel model, HallSpec hall, RackTypeSpec type, List<(string A, string? B, int Row)> pairs, FitSweepRequest request, TwinCatalog catalog, double? capW)
    {
        public FitSweepResult Run()
        {
            var start = PlanMeasure.Measure(model, catalog);
            var nodes = new PowerNodeIndex(model.PowerNodes, start.Constraints.Power);
            var already = start.Violations;
            var brokenAtStart = Keys(start.Constraints);
            var cooling = start.Constraints.Cooling.First(c => c.Hall == hall.Id).LoadKw;
            var used = model.PortsUsed();
            var spine = model.PickSpine(type.ScaleOut.PortGbps, used);
            var ports = type.GpusPerRack * type.ScaleOut.PortsPerGpu;
            var positions = pairs.Select(p => model.Racks.Where(r => r.Hall == hall.Id && r.Row == p.Row).Select(r => r.Position).DefaultIfEmpty(0).Max()).ToArray();
            var probe = new RackSpec("fit", hall.Id, type.Id, 0, 0, pairs[0].A, pairs[0].B, new TelemetrySourceSpec(), request.Workload);
            var figures = PlannedFigures.AtLoad(probe, RackProfiles.Resolve(probe, catalog), request.LoadLevel, model.AsOf);
            if (capW is { } cap)
            {
                // A capped GPU never draws above its cap, so N+1 may be sized on the capped draw (the oversubscription POLCA studies).
                var planned = new PlannedRack(probe.Id, hall.Id, type.Id, 0, 0, probe.PowerA, probe.PowerB, request.Workload, request.LoadLevel, figures, []);
                figures = RackCapping.Cap(planned, cap, catalog).Figures;
            }

            var unit = KpiTotalsMath.FromRacks([figures], hall.Pue);
            var totals = start.FacilityTotals;
            var cost = new CostModel(model.CostModel, catalog);

            var steps = new List<FitStep> { Step(0, null, null, null, start.Facility.Gpus, totals, cost, start.Facility.Pue, nodes, []) };
            int? fits = null, fitsBeforePower = null;
            IReadOnlyList<string> limitedBy = [];
            for (var k = 1; k <= request.MaxRacks; k++)
            {
                var pick = Enumerable.Range(0, pairs.Count).MaxBy(i => nodes.MarginIfPartnerLost(pairs[i].A, pairs[i].B));
                var (a, b, row) = pairs[pick];
                nodes.AddRack(a, b, figures.ItPowerKw);
                totals = KpiTotalsMath.Add(totals, unit);
                cooling += figures.ItPowerKw;
                if (spine is not null)
                {
                    used[spine] += ports;
                }

                var (violations, power) = NewViolations(nodes, cooling, used, brokenAtStart);
                var rackId = $"{hall.Id}-row{row}-{++positions[pick]}";
                steps.Add(Step(k, rackId, a, b, totals.Gpus, totals, cost, start.Facility.Pue, nodes, violations));
                if (violations.Count > 0 && fits is null)
                {
                    (fits, limitedBy) = (k - 1, violations);
                }

                if (power && fitsBeforePower is null)
                {
                    fitsBeforePower = k - 1;
                }

                if ((request.StopAt == FitSweepRequest.StopAtAny && fits is not null) || fitsBeforePower is not null)
                {
                    break;
                }
            }

            var notes = new List<string>
            {
                $"Each added {type.Id} rack runs at {request.LoadLevel:P0} of its operating point and draws {ViolationText.Kw(figures.ItPowerKw)} of IT power; it goes on the hall's A/B pair with the most N+1 headroom.",
            };
            if (fits is null)
            {
                notes.Add($"No constraint broke within {request.MaxRacks} racks.");
            }

            if (capW is { } capped)
            {
                notes.Add($"Each added rack's GPUs are capped at {capped:0} W, drawing {figures.GpuPowerKw * 1000 / Math.Max(1, figures.GpusReporting):0} W each and serving {figures.TokensPerSecond / Math.Max(1, figures.GpusReporting):0} tokens/s per GPU (the power-cap model); racks already in the hall keep their draw unless a setPowerCap change caps them.");
            }

            return new FitSweepResult(hall.Id, type.Id, fits ?? request.MaxRacks, fitsBeforePower, limitedBy, already, steps, notes, capW);
        }

        private (List<string> Violations, bool Power) NewViolations(PowerNodeIndex nodes, double cooling, Dictionary<string, int> used, HashSet<string> brokenAtStart)
        {
            var violations = nodes.Violations(brokenAtStart);
            var power = violations.Count > 0;
            if (hall.CoolingCapacityKw is { } capacity && cooling > capacity && !brokenAtStart.Contains($"cooling:{hall.Id}"))
            {
                violations.Add(ViolationText.Cooling(hall, cooling));
            }

            foreach (var spine in model.Spines.Where(s => used.GetValueOrDefault(s.Id) > s.Ports && !brokenAtStart.Contains($"spine:{s.Id}")))
            {
                violations.Add(ViolationText.Spine(new SpineConstraint(spine.Id, used[spine.Id], spine.Ports, false)));
            }

            return (violations, power);
        }

        private static HashSet<string> Keys(ScenarioConstraints constraints) =>
        [
            .. constraints.Power.Where(p => !p.Ok).Select(p => $"power:{p.Node}"),
            .. constraints.Cooling.Where(c => !c.Ok).Select(c => $"cooling:{c.Hall}"),
            .. constraints.Spines.Where(s => !s.Ok).Select(s => $"spine:{s.Spine}"),
        ];

        private static FitStep Step(
            int added, string? rack, string? a, string? b, int gpus, Abstractions.Kpis.KpiTotals totals, CostModel cost, double pue,
            PowerNodeIndex nodes, List<string> violations)
        {
            var kpis = KpiCalculator.Derive("sweep", "sweep", default, totals, cost.CostPerHourUsd(totals), pue, stale: false);
            return new FitStep(added, rack, a, b, gpus, kpis.TokensPerSecond, kpis.FacilityPowerKw, kpis.TokensPerSecondPerMegawatt,
                kpis.TokensPerSecondPerProvisionedMegawatt, kpis.CostPerMillionTokensUsd, nodes.MinMarginIfPartnerLost(), violations.Count == 0, violations);
        }
    }
}
