using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Gateway.Twin;

namespace TokenFactoryTwin.Gateway.Carbon;

/// <summary>The facility's carbon settings for the meter, read every 30 s (they change only with the facility file).</summary>
public sealed class CarbonFeed(TwinLocator twin, TimeProvider time, ILogger<CarbonFeed> logger)
    : TwinPoll<CarbonSpec>(twin, time, logger, TimeSpan.FromSeconds(30))
{
    protected override async Task<CarbonSpec?> Read(TwinLocator twin, string facility) =>
        await twin.Client.Reference<IFacilityTopologyGrain>(TwinKeys.Facility(facility)).GetCarbon();
}
