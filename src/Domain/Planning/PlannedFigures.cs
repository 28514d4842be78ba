using TokenFactoryTwin.Abstractions.Kpis;
using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Domain.Facilities;

namespace TokenFactoryTwin.Domain.Planning;

/// <summary>
/// The figures a planned rack is assumed to report: its resolved profile at a steady load level. Power follows load
/// between idle and TDP per GPU, the rest of the rack between 60 % and 100 % of its share (as the simulator draws
/// it), so at full load the rack draws exactly the catalog's rack IT kW; tokens follow load up to the operating point.
/// </summary>
public static class PlannedFigures
{
    public static RackSnapshot AtLoad(RackSpec rack, RackProfile profile, double level, DateTimeOffset asOf)
    {
        var gpuKw = profile.Gpus * (profile.GpuIdleW + (profile.GpuTdpW - profile.GpuIdleW) * level) / 1000;
        var itKw = gpuKw + profile.NonGpuKwAtFullLoad * (0.6 + 0.4 * level);
        var tokens = profile.Gpus * profile.TokensPerGpuPerSecond * level;
        return new RackSnapshot(
            rack.Id,
            rack.Hall,
            rack.RackType,
            profile.Gpu,
            Version: 0,
            asOf,
            profile.Gpus,
            GpusReporting: profile.Gpus,
            tokens,
            tokens * profile.OutputShare,
            gpuKw,
            itKw,
            profile.Gpus * profile.AllInKwPerGpu,
            Utilization: level,
            MaxTemperatureC: 0,
            profile.UplinkGbps * (0.05 + 0.5 * level),
            TelemetrySourceKinds.Simulated,
            Virtual: true,
            Stale: false,
            rack.Row,
            rack.Position);
    }

    /// <summary>A rack the topology holds but that has not reported yet: it costs and takes space, and produces nothing.</summary>
    public static RackSnapshot Silent(RackSpec rack, RackProfile profile, DateTimeOffset asOf) => new(
        rack.Id, rack.Hall, rack.RackType, profile.Gpu, 0, asOf, profile.Gpus, 0, 0, 0, 0, 0,
        profile.Gpus * profile.AllInKwPerGpu, 0, 0, 0, rack.Source?.Kind ?? TelemetrySourceKinds.Simulated, rack.Virtual,
        Stale: true, rack.Row, rack.Position);

    public static RackProfile Profile(RackSpec rack, Catalog.TwinCatalog catalog) => RackProfiles.Resolve(rack, catalog);
}
