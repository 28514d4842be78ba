using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Flex;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Gateway.Twin;

namespace TokenFactoryTwin.Gateway.Flex;

/// <summary>The running flex event for the meter, read every 2 s, so a cluster agent scraping <c>/metrics</c> sees a new cap within seconds.</summary>
public sealed class FlexFeed(TwinLocator twin, TimeProvider time, ILogger<FlexFeed> logger)
    : TwinPoll<FlexStatus>(twin, time, logger, TimeSpan.FromSeconds(2))
{
    protected override Task<FlexStatus?> Read(TwinLocator twin, string facility) =>
        twin.Client.Reference<IFlexGrain>(TwinKeys.Flex(facility)).Get();
}
