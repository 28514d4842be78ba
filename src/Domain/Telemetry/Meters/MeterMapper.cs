using TokenFactoryTwin.Domain.Telemetry.Mapping;

namespace TokenFactoryTwin.Domain.Telemetry.Meters;

/// <summary>
/// Picks the meter and switch-port series out of parsed points by the configured rules. Series of a configured
/// metric whose device or port is not mapped are counted as unmapped rather than guessed at.
/// </summary>
public static class MeterMapper
{
    public static (List<MeterReading> Readings, int Unmapped) Map(IReadOnlyList<MetricPoint> points, MeterRules rules, long nowMs)
    {
        var readings = new List<MeterReading>();
        var unmapped = 0;
        foreach (var point in points)
        {
            if (!double.IsFinite(point.Value))
            {
                continue;
            }

            var ms = point.TimestampMs ?? nowMs;
            foreach (var rule in rules.Power.Where(r => r.Metric == point.Name))
            {
                if (point.Label(rule.Label) is { } device && rule.Nodes.TryGetValue(device, out var node))
                {
                    readings.Add(new MeterReading(MeterKinds.PowerNodeTarget(node), MeterKinds.PowerKw, null, point.Value * rule.ScaleToKw, ms));
                }
                else
                {
                    unmapped++;
                }
            }

            if (rules.Facility is { } facility && facility.Metric == point.Name)
            {
                readings.Add(new MeterReading(MeterKinds.FacilityTarget, MeterKinds.PowerKw, null, point.Value * facility.ScaleToKw, ms));
            }

            foreach (var rule in rules.Ports)
            {
                var kind = point.Name == rule.InOctets ? MeterKinds.InOctets
                    : point.Name == rule.OutOctets ? MeterKinds.OutOctets
                    : point.Name == rule.Status ? MeterKinds.Up
                    : null;
                if (kind is null)
                {
                    continue;
                }

                if (point.Label(rule.Label) is { } port && rule.Links.TryGetValue(port, out var link))
                {
                    // IF-MIB ifOperStatus: 1 is up; every other value (down, testing, dormant …) is not.
                    var value = kind == MeterKinds.Up ? (point.Value == 1 ? 1 : 0) : point.Value;
                    readings.Add(new MeterReading(MeterKinds.LinkTarget(link), kind, port, value, ms));
                }
                else
                {
                    unmapped++;
                }
            }
        }

        return (readings, unmapped);
    }
}
