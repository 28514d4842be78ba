using System.Globalization;
using TokenFactoryTwin.Abstractions.Planning;
using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Domain.Catalog;
using TokenFactoryTwin.Domain.Performance.PowerCap;
using TokenFactoryTwin.Domain.Planning;

namespace TokenFactoryTwin.Domain.Flex;

/// <summary>
/// Plans a flex event over a scenario (or the live twin's racks): which racks to cap and how deep, what it sheds
/// against the target, the tokens and dollars it costs, the break-even demand-response price, and the shed curve
/// beside a flat cut. Pure: the same model and event give the same plan.
/// </summary>
public static class FlexPlanner
{
    /// <summary>Points on the shed curve: flat cuts to 100 %, 95 %, … of every GPU's draw.</summary>
    public const int CurvePoints = 13;

    private const double CurveShareStep = 0.05;

    public static FlexPlan Plan(PlanModel model, FlexEventChange change, TwinCatalog catalog)
    {
        var measured = PlanMeasure.Measure(model, catalog).Facility;
        var before = measured.FacilityPowerKw;
        var target = Math.Max(0, change.ShedKw ?? (before - (change.CapKw ?? before)));
        var entries = FlexRacks.From(model, change.Priorities, catalog);
        var racks = entries.Select(e => e.Rack).ToList();

        var path = new CapPath(racks);
        var (caps, shed, lost) = path.PlanFor(target);
        var flat = FlatCut.For(racks, target);

        var price = change.UsdPerMillionTokens ?? measured.CostPerMillionTokensUsd ?? 0;
        var revenuePerHour = lost * 3600 / 1e6 * price;
        var shedMw = shed / 1000;
        var energySavedPerHour = model.CostModel.Kind == CostModelKinds.Tco ? shedMw * model.CostModel.EnergyUsdPerMWh : 0;
        double? breakEven = shedMw > 0 ? (revenuePerHour - energySavedPerHour) / shedMw : null;

        var notes = new List<string>
        {
            "Caps go first where a facility kW costs the fewest tokens/s (memory-bound decode before compute-bound prefill), lower priority first, never below a workload's interactivity floor; a GPU's draw is counted at the facility meter (× its hall's PUE), the rest of each rack draws what it did.",
            "Under a cap each workload keeps its concurrency, so its interactivity falls with its speed.",
            change.UsdPerMillionTokens is null
                ? string.Create(CultureInfo.InvariantCulture, $"Tokens are valued at the facility's cost per million tokens (${price:0.###}); give usdPerMillionTokens to value them at a selling price.")
                : string.Create(CultureInfo.InvariantCulture, $"Tokens are valued at ${price:0.###} per million."),
            model.CostModel.Kind == CostModelKinds.Tco
                ? string.Create(CultureInfo.InvariantCulture, $"The break-even price is net of the energy not bought (${model.CostModel.EnergyUsdPerMWh:0.#}/MWh).")
                : "The price tier includes energy, so the break-even price counts no energy saved.",
        };
        if (shed < target)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"The target cannot be met within the GPUs' floors and the interactivity floors: at most {path.MaxShedKw:N0} kW can be shed this way."));
        }

        return new FlexPlan(
            change.Hours, before, target, before - target, shed, before - shed, shed >= target - 1e-9,
            measured.TokensPerSecond, lost, lost * 3600 * change.Hours, price, revenuePerHour, revenuePerHour * change.Hours,
            shedMw * change.Hours, breakEven, flat.LostTokens, path.MaxShedKw,
            CappedRacks(entries, caps, catalog), Curve(racks, path), notes);
    }

    private static List<FlexRackCap> CappedRacks(List<(FlexRack Rack, PlannedRack Planned)> entries, double[] caps, TwinCatalog catalog)
    {
        var capped = new List<FlexRackCap>();
        foreach (var (rack, planned) in entries)
        {
            var cap = caps[rack.Index];
            if (cap >= rack.StartCapW)
            {
                continue;
            }

            var curve = rack.Curve;
            var gpuKwNow = curve.DrawUnder(rack.StartCapW) * rack.Gpus / 1000;
            var gpuKwThen = curve.DrawUnder(cap) * rack.Gpus / 1000;
            var mix = catalog.StepMixes.For(planned.Workload, planned.Natural.Gpu);
            capped.Add(new FlexRackCap(planned.Id, planned.Hall, planned.Natural.Gpu, rack.Gpus, mix.Bound, curve.DrawUnder(rack.StartCapW), cap,
                curve.ClockAt(cap), planned.Figures.ItPowerKw, planned.Figures.ItPowerKw - (gpuKwNow - gpuKwThen),
                rack.TokensAt(rack.StartCapW), rack.TokensAt(cap), StepMixes.Interactivity(planned.Workload) * curve.SpeedAt(cap)));
        }

        return capped;
    }

    private static List<FlexCurvePoint> Curve(List<FlexRack> racks, CapPath path)
    {
        var points = new List<FlexCurvePoint>(CurvePoints);
        for (var k = 0; k < CurvePoints; k++)
        {
            var (shed, lost) = FlatCut.At(racks, 1 - (k * CurveShareStep));
            double? optimised = shed <= path.MaxShedKw + 1e-9 ? path.PlanFor(shed).LostTokens : null;
            points.Add(new FlexCurvePoint(shed / 1000, optimised, lost));
        }

        return points;
    }
}
