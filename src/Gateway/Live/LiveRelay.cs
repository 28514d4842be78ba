using System.Threading.Channels;
using TokenFactoryTwin.Gateway.Twin;

namespace TokenFactoryTwin.Gateway.Live;

/// <summary>
/// Hands each <see cref="FacilityView"/> the <see cref="FacilityFeed"/> reads to the <see cref="LiveHub"/>. It runs off
/// the feed's thread (the feed only drops the view in a one-slot mailbox), so building a frame never delays the
/// next read of the twin, and a frame that cannot keep up is skipped rather than queued.
/// </summary>
public sealed partial class LiveRelay(FacilityFeed feed, LiveHub hub, ILogger<LiveRelay> logger) : BackgroundService
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
                    hub.Publish(view);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Building a live view frame failed")]
    private static partial void LogFrameFailed(ILogger logger, Exception exception);
}
