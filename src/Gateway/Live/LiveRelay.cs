using TokenFactoryTwin.Abstractions.Grains;
using System.Threading.Channels;
using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Gateway.Twin;

namespace TokenFactoryTwin.Gateway.Live;

/// <summary>
/// Hands each <see cref="FacilityView"/> the <see cref="FacilityFeed"/> reads to the <see cref="LiveHub"/>. It runs off
/// the feed's thread (the feed only drops the view in a one-slot mailbox), so building a frame never delays the
/// next read of the twin, and a frame that cannot keep up is skipped rather than queued.
/// </summary>
public sealed partial class LiveRelay(FacilityFeed feed, LiveHub hub, TwinLocator twin, ILogger<LiveRelay> logger) : BackgroundService
{
    private readonly Channel<FacilityView> _views =
        Channel.CreateBounded<FacilityView>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        void OnUpdated(FacilityView view) => _views.Writer.TryWrite(view);
        feed.Updated += OnUpdated;
        try
        {
            await foreach (var view in _views.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await hub.Publish(view, ReadTopology);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogFrameFailed(logger, e);
                }
            }
        }
        finally
        {
            feed.Updated -= OnUpdated;
        }
    }

    /// <summary>The topology gives the racks' cords; optional, so a failed read costs only the cords.</summary>
    private async Task<FacilitySpec?> ReadTopology()
    {
        try
        {
            return await twin.Facility<IFacilityTopologyGrain>() is { } facility ? await facility.GetTopology().WaitAsync(TimeSpan.FromSeconds(5)) : null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogTopologyFailed(logger, e.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Building a live view frame failed")]
    private static partial void LogFrameFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the topology for the live view failed; racks show no cords until the next layout change: {Reason}")]
    private static partial void LogTopologyFailed(ILogger logger, string reason);
}
