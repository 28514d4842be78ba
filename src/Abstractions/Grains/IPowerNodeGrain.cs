using TokenFactoryTwin.Abstractions.Kpis;
using TokenFactoryTwin.Abstractions.Topology;

namespace TokenFactoryTwin.Abstractions.Grains;

/// <summary>
/// A node on the power path: sums the newest load of each source — rack cords, batched per hall, and downstream
/// nodes — and pushes its own load upstream with its branch's statuses; a tree's root hands them all to the facility.
/// </summary>
[Alias("tft.IPowerNodeGrain")]
public interface IPowerNodeGrain : IGrainWithStringKey
{
    [Alias("Configure")]
    Task Configure(string facilityId, PowerNodeSpec spec, TwinTiming timing);

    /// <summary>A downstream node's load on this node, with the statuses of its branch to pass on toward the facility.</summary>
    [Alias("ReportBranch"), OneWay]
    Task ReportBranch(PowerBranchReport report);

    /// <summary>A hall's racks' cord loads on this node, all of them, once per period.</summary>
    [Alias("ReportRackLoads"), OneWay]
    Task ReportRackLoads(RackLoadBatch batch);

    [Alias("ForgetSource")]
    Task ForgetSource(string sourceId);

    [Alias("GetStatus")]
    Task<PowerNodeStatus?> GetStatus();
}
