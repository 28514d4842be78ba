namespace TokenFactoryTwin.Domain.Alarms;

/// <summary>The figures of one rack the alarm rules look at, whatever view of the rack the caller holds.</summary>
/// <param name="GpusCapBinding">Its reporting GPUs whose power cap binds now.</param>
/// <param name="GpusCapNotApplied">Its reporting GPUs that enforce a limit other than the flex event's cap.</param>
public sealed record RackReading(
    string RackId, bool Stale, int Gpus, int GpusReporting, double MaxTemperatureC, int GpusCapBinding = 0, int GpusCapNotApplied = 0)
{
    public static RackReading From(Abstractions.Kpis.RackSnapshot rack) =>
        new(rack.RackId, rack.Stale, rack.Gpus, rack.GpusReporting, rack.MaxTemperatureC, rack.GpusCapBinding, rack.GpusCapNotApplied);
}
