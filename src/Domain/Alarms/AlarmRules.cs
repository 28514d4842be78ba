using System.Globalization;
using TokenFactoryTwin.Abstractions.Kpis;

namespace TokenFactoryTwin.Domain.Alarms;

/// <summary>
/// Which alarm conditions hold in one read of the facility. Pure and stateless: the same read gives the same
/// conditions, so the gateway, tests and any later notifier agree on what is wrong.
/// </summary>
public static class AlarmRules
{
    public static IReadOnlyList<AlarmCondition> Evaluate(
        IEnumerable<RackReading> racks,
        IEnumerable<PowerNodeStatus> power,
        IEnumerable<NetworkLinkStatus> links,
        AlarmThresholds thresholds)
    {
        var conditions = new List<AlarmCondition>();
        foreach (var node in power)
        {
            if (node.DeratedKw <= 0)
            {
                continue;
            }

            if (node.OverDerated)
            {
                conditions.Add(new AlarmCondition(
                    $"{AlarmKinds.PowerOverDerated}:{node.Id}", AlarmKinds.PowerOverDerated, AlarmSeverity.Critical, node.Id,
                    AlarmPlaceKinds.PowerNode, node.Id,
                    Invariant($"{node.Name} at {node.LoadKw:0} kW, over its derated {node.DeratedKw:0} kW ({100 * node.LoadKw / node.DeratedKw:0} %)")));
            }
            else if (node.OverIfPartnerLost)
            {
                conditions.Add(new AlarmCondition(
                    $"{AlarmKinds.PowerOverIfPartnerLost}:{node.Id}", AlarmKinds.PowerOverIfPartnerLost, AlarmSeverity.Warning, node.Id,
                    AlarmPlaceKinds.PowerNode, node.Id,
                    Invariant($"{node.Name} would carry {node.LoadIfPartnerLostKw:0} kW if its partner side were lost, over its derated {node.DeratedKw:0} kW: no N+1")));
            }
        }

        foreach (var rack in racks)
        {
            if (rack.Stale)
            {
                conditions.Add(new AlarmCondition(
                    $"{AlarmKinds.TelemetryStale}:{rack.RackId}", AlarmKinds.TelemetryStale, AlarmSeverity.Warning, rack.RackId,
                    AlarmPlaceKinds.Rack, rack.RackId,
                    Invariant($"Rack {rack.RackId}: telemetry stopped ({rack.GpusReporting}/{rack.Gpus} GPUs reporting)")));
            }
            else if (rack.MaxTemperatureC > thresholds.GpuMaxTemperatureC)
            {
                conditions.Add(new AlarmCondition(
                    $"{AlarmKinds.GpuOverTemperature}:{rack.RackId}", AlarmKinds.GpuOverTemperature, AlarmSeverity.Warning, rack.RackId,
                    AlarmPlaceKinds.Rack, rack.RackId,
                    Invariant($"Rack {rack.RackId}: a GPU at {rack.MaxTemperatureC:0.0} °C, over {thresholds.GpuMaxTemperatureC:0} °C")));
            }

            if (!rack.Stale)
            {
                PowerCaps(conditions, rack);
            }
        }

        foreach (var link in links)
        {
            if (!link.Up)
            {
                conditions.Add(new AlarmCondition(
                    $"{AlarmKinds.LinkDown}:{link.Id}", AlarmKinds.LinkDown, AlarmSeverity.Critical, link.Id,
                    AlarmPlaceKinds.Rack, link.Rack,
                    Invariant($"Link {link.Id} ({link.Rack} → {link.Spine}) is down")));
            }
        }

        return conditions;
    }

    /// <summary>
    /// A cap that binds slows the rack's tokens (expected during a flex event, worth seeing at any time); a cap the
    /// GPUs do not enforce means the facility draws more than the flex event planned.
    /// </summary>
    private static void PowerCaps(List<AlarmCondition> conditions, RackReading rack)
    {
        if (rack.GpusCapNotApplied > 0)
        {
            conditions.Add(new AlarmCondition(
                $"{AlarmKinds.PowerCapNotApplied}:{rack.RackId}", AlarmKinds.PowerCapNotApplied, AlarmSeverity.Critical, rack.RackId,
                AlarmPlaceKinds.Rack, rack.RackId,
                Invariant($"Rack {rack.RackId}: power cap not applied on {rack.GpusCapNotApplied}/{rack.GpusReporting} GPUs (their enforced limit is not the flex event's cap)")));
        }

        if (rack.GpusCapBinding > 0)
        {
            conditions.Add(new AlarmCondition(
                $"{AlarmKinds.PowerCapBinding}:{rack.RackId}", AlarmKinds.PowerCapBinding, AlarmSeverity.Warning, rack.RackId,
                AlarmPlaceKinds.Rack, rack.RackId,
                Invariant($"Rack {rack.RackId}: power cap binding on {rack.GpusCapBinding}/{rack.GpusReporting} GPUs (clocks held at the power limit)")));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
