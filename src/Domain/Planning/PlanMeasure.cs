using TokenFactoryTwin.Abstractions.Kpis;
using TokenFactoryTwin.Abstractions.Planning;
using TokenFactoryTwin.Domain.Catalog;
using TokenFactoryTwin.Domain.Economics;
using TokenFactoryTwin.Domain.Kpis;
using TokenFactoryTwin.Domain.Power;

namespace TokenFactoryTwin.Domain.Planning;

/// <summary>
/// Measures a scenario model with the live twin's own formulas: racks sum into halls (IT × the hall's PUE) and halls
/// into the facility (<see cref="KpiTotalsMath"/>), priced by <see cref="CostModel"/>, ratios by
/// <see cref="KpiCalculator"/>; loads on the power path by <see cref="PowerFlow"/> with the failed nodes. A rack
/// that loses both cords produces nothing and draws nothing, but still costs what its GPUs cost.
/// </summary>
public static class PlanMeasure
{
    public static PlanMeasurement Measure(PlanModel model, TwinCatalog catalog)
    {
        var flow = PowerFlow.Evaluate(
            model.PowerNodes,
            model.Racks.Select(r => new RackPowerDemand(r.Id, r.PowerA, r.PowerB, r.Figures.ItPowerKw)),
            model.Failed);
        var unpowered = flow.UnpoweredRacks.ToHashSet(StringComparer.Ordinal);

        var byHall = model.Halls.ToDictionary(h => h.Id, _ => new List<RackSnapshot>(), StringComparer.Ordinal);
        foreach (var rack in model.Racks)
        {
            if (byHall.TryGetValue(rack.Hall, out var list))
            {
                list.Add(unpowered.Contains(rack.Id) ? rack.Figures with { Stale = true } : rack.Figures);
            }
        }

        var cost = new CostModel(model.CostModel, catalog);
        var hallTotals = model.Halls.Select(h => (Hall: h, Totals: KpiTotalsMath.FromRacks(byHall[h.Id], h.Pue))).ToList();
        var facilityTotals = KpiTotalsMath.Sum(hallTotals.Select(h => h.Totals));
        var halls = hallTotals.Select(h =>
        {
            var share = facilityTotals.ProvisionedPowerKw > 0 ? h.Totals.ProvisionedPowerKw / facilityTotals.ProvisionedPowerKw : 0;
            return KpiCalculator.Derive(h.Hall.Id, h.Hall.Name, model.AsOf, h.Totals, cost.CostPerHourUsd(h.Totals, share), h.Hall.Pue, stale: false);
        }).ToList();
        var facilityPue = model.Halls.Count > 0 ? model.Halls.Average(h => h.Pue) : 1;
        var facility = KpiCalculator.Derive(model.FacilityId, model.Name, model.AsOf, facilityTotals,
            cost.CostPerHourUsd(facilityTotals), facilityPue, stale: false);

        var violations = new List<string>();
        var power = Power(model, flow, violations);
        violations.AddRange(flow.UnpoweredRacks.Select(ViolationText.Unpowered));
        var cooling = hallTotals.Select(h =>
        {
            var ok = h.Hall.CoolingCapacityKw is not { } capacity || h.Totals.ItPowerKw <= capacity;
            if (!ok)
            {
                violations.Add(ViolationText.Cooling(h.Hall, h.Totals.ItPowerKw));
            }

            return new CoolingConstraint(h.Hall.Id, h.Totals.ItPowerKw, h.Hall.CoolingCapacityKw, ok);
        }).ToList();
        var used = model.PortsUsed();
        var spines = model.Spines.Select(s => new SpineConstraint(s.Id, used.GetValueOrDefault(s.Id), s.Ports, used.GetValueOrDefault(s.Id) <= s.Ports)).ToList();
        violations.AddRange(spines.Where(s => !s.Ok).Select(ViolationText.Spine));

        return new PlanMeasurement(facility, halls, new ScenarioConstraints(power, cooling, spines), violations, facilityTotals);
    }

    private static List<PowerConstraint> Power(PlanModel model, PowerFlowResult flow, List<string> violations)
    {
        var constraints = new List<PowerConstraint>(model.PowerNodes.Count);
        for (var i = 0; i < model.PowerNodes.Count; i++)
        {
            var node = model.PowerNodes[i];
            var load = flow.Nodes[i];
            if (!load.Failed && load.LoadKw > node.DeratedKw)
            {
                violations.Add(ViolationText.Over(node, load.LoadKw));
            }
            else if (!load.Failed && load.LoadIfPartnerLostKw > node.DeratedKw)
            {
                violations.Add(ViolationText.OverIfPartnerLost(node, load.LoadIfPartnerLostKw));
            }

            constraints.Add(new PowerConstraint(
                node.Id, node.Name, node.Kind.ToString(), node.Side, node.Upstream, node.RatingKw, node.DeratedKw,
                load.LoadKw, load.LoadIfPartnerLostKw, node.DeratedKw - load.LoadKw, node.DeratedKw - load.LoadIfPartnerLostKw,
                load.Failed, load.Ok));
        }

        return constraints;
    }
}
