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
}
