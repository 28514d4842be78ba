using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Abstractions.Topology;

namespace TokenFactoryTwin.Silo.Hosting;

/// <summary>
/// Hands the facility file's topology to the facility grain when the silo starts. The grain adopts it idempotently,
/// so every silo of a cluster may do this; racks registered at run time are kept.
/// </summary>
public sealed partial class FacilityStartup(IGrainFactory grains, FacilitySpec facility, TwinTiming timing, ILogger<FacilityStartup> logger) : IStartupTask
{
    public async Task Execute(CancellationToken cancellationToken)
    {
        await grains.Reference<IFacilityTopologyGrain>(TwinKeys.Facility(facility.Id)).Start(facility, timing);
        Twinning(logger, facility.Id, facility.Name, facility.Halls.Count, facility.Racks.Count, facility.PowerNodes.Count, timing.FlushPeriod);
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Twinning facility {FacilityId} ({Name}): {Halls} halls, {Racks} racks, {Nodes} power nodes, flush every {Period}")]
    private static partial void Twinning(ILogger logger, string facilityId, string name, int halls, int racks, int nodes, TimeSpan period);
}
