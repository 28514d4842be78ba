using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Domain.Catalog;

namespace TokenFactoryTwin.Domain.Facilities;

/// <summary>Resolves a rack spec against the catalog into the figures a rack grain runs on.</summary>
public static class RackProfiles
{
    /// <summary>What a rack with no workload is assumed to serve: the article's model.</summary>
    public const string DefaultModel = "deepseek-r1-0528";

    public static RackProfile Resolve(RackSpec rack, TwinCatalog catalog)
    {
        var type = catalog.FindRackType(rack.RackType)
            ?? throw new ArgumentException($"rack '{rack.Id}': unknown rack type '{rack.RackType}'");
        var gpu = catalog.FindGpu(type.Gpu)
            ?? throw new ArgumentException($"rack type '{type.Id}': unknown GPU '{type.Gpu}'");
        var workload = rack.Workload ?? new WorkloadSpec(DefaultModel);
        var point = catalog.ResolveOperatingPoint(workload, gpu.Id);
        var uplinks = type.GpusPerRack * type.ScaleOut.PortsPerGpu * type.ScaleOut.PortGbps;
        return new RackProfile(
            gpu.Id,
            type.GpusPerRack,
            gpu.TdpW,
            gpu.IdleW,
            type.RackItKw,
            gpu.AllInKwPerGpu,
            point?.TokensPerGpuPerSecond ?? 0,
            point?.OutputShare ?? TwinCatalog.DefaultOutputShare,
            uplinks,
            type.Cooling,
            gpu.HbmGB);
    }
}
