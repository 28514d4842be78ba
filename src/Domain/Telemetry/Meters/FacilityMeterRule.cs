namespace TokenFactoryTwin.Domain.Telemetry.Meters;

/// <summary>The facility's utility meter: total facility power, from which measured PUE follows.</summary>
public sealed class FacilityMeterRule
{
    public string Metric { get; set; } = "";

    public double ScaleToKw { get; set; } = 1;
}
