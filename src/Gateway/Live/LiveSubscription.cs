using System.Threading.Channels;

namespace TokenFactoryTwin.Gateway.Live;

/// <summary>
/// One browser's place in the live stream: a one-slot mailbox that keeps only the newest message, so a slow browser
/// skips seconds instead of building a backlog in the gateway.
/// </summary>
public sealed class LiveSubscription : IDisposable
{
    private readonly Channel<LiveMessage> _mailbox =
        Channel.CreateBounded<LiveMessage>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    private readonly Action<LiveSubscription> _unsubscribe;

    internal LiveSubscription(Action<LiveSubscription> unsubscribe) => _unsubscribe = unsubscribe;

    public ChannelReader<LiveMessage> Messages => _mailbox.Reader;

    internal void Offer(LiveMessage message) => _mailbox.Writer.TryWrite(message);

    public void Dispose()
    {
        _unsubscribe(this);
        _mailbox.Writer.TryComplete();
    }
}
