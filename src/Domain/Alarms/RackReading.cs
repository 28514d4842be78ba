namespace TokenFactoryTwin.Domain.Alarms;

/// <summary>The figures of one rack the alarm rules look at, whatever view of the rack the caller holds.</summary>
public sealed record RackReading(string RackId, bool Stale, int Gpus, int GpusReporting, double MaxTemperatureC)
{
    public static RackReading From(Abstractions.Kpis.RackSnapshot rack) =>
        new(rack.RackId, rack.Stale, rack.Gpus, rack.GpusReporting, rack.MaxTemperatureC);
}
