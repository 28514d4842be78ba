namespace TokenFactoryTwin.Domain.Telemetry.Meters;

/// <summary>
/// A PDU, busway or switchboard meter series: <see cref="Metric"/> whose <see cref="Label"/> value names a device,
/// mapped to a twin power node by <see cref="Nodes"/> (device → node id). <see cref="ScaleToKw"/> turns the
/// exporter's unit into kW (0.001 for watts).
/// </summary>
public sealed class PowerMeterRule
{
    public string Metric { get; set; } = "";

    public string Label { get; set; } = "";

    public double ScaleToKw { get; set; } = 1;

    public Dictionary<string, string> Nodes { get; set; } = [];
}
