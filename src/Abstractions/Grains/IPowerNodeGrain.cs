using TokenFactoryTwin.Abstractions.Kpis;
using TokenFactoryTwin.Abstractions.Topology;

namespace TokenFactoryTwin.Abstractions.Grains;

/// <summary>A node on the power path: sums the newest load report of each source and pushes its own load upstream.</summary>
[Alias("tft.IPowerNodeGrain")]
public interface IPowerNodeGrain : IGrainWithStringKey
{
    [Alias("Configure")]
    Task Configure(string facilityId, PowerNodeSpec spec, TwinTiming timing);

    [Alias("ReportLoad"), OneWay]
    Task ReportLoad(PowerLoadReport report);

    [Alias("ForgetSource")]
    Task ForgetSource(string sourceId);

    [Alias("GetStatus")]
    Task<PowerNodeStatus?> GetStatus();
}
