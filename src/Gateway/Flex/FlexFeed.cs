using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Flex;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Gateway.Twin;

namespace TokenFactoryTwin.Gateway.Flex;

/// <summary>
/// Keeps the running flex event at hand for the meter, which cannot wait on a grain at collection time: read every
/// <see cref="Period"/>, so a cluster agent scraping <c>/metrics</c> sees a new cap within seconds.
/// </summary>
public sealed partial class FlexFeed(TwinLocator twin, TimeProvider time, ILogger<FlexFeed> logger) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(2);

    private volatile FlexStatus? _latest;

    public FlexStatus? Latest => _latest;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        do
        {
            try
            {
                if (await twin.FacilityId() is { } facility)
                {
                    _latest = await twin.Client.GetGrain<IFlexGrain>(TwinKeys.Flex(facility)).Get();
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Keep the last answer: the cluster may be starting or failing over.
                NotRead(logger, e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Flex event not read this time: {Reason}")]
    private static partial void NotRead(ILogger logger, string reason);
}
