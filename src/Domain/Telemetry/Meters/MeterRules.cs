namespace TokenFactoryTwin.Domain.Telemetry.Meters;

/// <summary><c>Twin:Meters</c>: which series are power meters, the facility meter, and switch ports, and what they map to.</summary>
public sealed class MeterRules
{
    public List<PowerMeterRule> Power { get; set; } = [];

    public FacilityMeterRule? Facility { get; set; }

    public List<PortRule> Ports { get; set; } = [];

    public HashSet<string> MetricNames() =>
    [
        .. Power.Select(p => p.Metric),
        .. Facility is { Metric.Length: > 0 } f ? [f.Metric] : Array.Empty<string>(),
        .. Ports.SelectMany(p => new[] { p.InOctets, p.OutOctets, p.Status }),
    ];
}
