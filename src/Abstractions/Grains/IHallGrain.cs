using TokenFactoryTwin.Abstractions.Kpis;
using TokenFactoryTwin.Abstractions.Topology;

namespace TokenFactoryTwin.Abstractions.Grains;

/// <summary>A staging level: keeps the newest snapshot per rack, marks silent racks stale and pushes its totals up.</summary>
[Alias("tft.IHallGrain")]
public interface IHallGrain : IGrainWithStringKey
{
    [Alias("Configure")]
    Task Configure(string facilityId, HallSpec spec, IReadOnlyList<string> rackIds, TwinTiming timing);

    [Alias("ReportRack"), OneWay]
    Task ReportRack(RackSnapshot snapshot);

    [Alias("ForgetRack")]
    Task ForgetRack(string rackId);

    [Alias("GetRacks")]
    Task<IReadOnlyList<RackSnapshot>> GetRacks();

    [Alias("GetSnapshot")]
    Task<HallSnapshot?> GetSnapshot();

    /// <summary>The hall's last hour at one point a flush, oldest first (power is the hall's facility power: IT × PUE).</summary>
    [Alias("GetHistory")]
    Task<IReadOnlyList<KpiPoint>> GetHistory();

    /// <summary>The hall's last day at one point a minute, oldest first.</summary>
    [Alias("GetDayHistory")]
    Task<IReadOnlyList<KpiPoint>> GetDayHistory();
}
