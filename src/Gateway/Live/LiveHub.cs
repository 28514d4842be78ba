using System.Collections.Concurrent;
using TokenFactoryTwin.Domain.Alarms;
using TokenFactoryTwin.Gateway.Twin;

namespace TokenFactoryTwin.Gateway.Live;

/// <summary>
/// Turns a <see cref="FacilityView"/> into one <see cref="LiveMessage"/> — layout when it changed, frame, alarms —
/// serialised once and offered to every connected browser. Knows nothing of Orleans, so the browser benchmark feeds
/// it synthetic facilities through the same code the gateway runs. <see cref="Publish"/> is called by one caller at a time.
/// </summary>
public sealed class LiveHub
{
    private readonly ConcurrentDictionary<LiveSubscription, byte> _subscribers = new();
    private readonly AlarmLog _alarms = new();
    private LiveLayout? _layout;
    private volatile LiveMessage? _latest;
    private volatile IReadOnlyList<Alarm> _raised = [];

    public LiveMessage? Latest => _latest;

    /// <summary>The alarms raised as of the latest frame, as the frame lists them (newest first).</summary>
    public IReadOnlyList<Alarm> Alarms => _raised;

    public int Subscribers => _subscribers.Count;

    /// <summary>Subscribes a browser; it gets the latest message at once, then each one published.</summary>
    public LiveSubscription Subscribe()
    {
        var subscription = new LiveSubscription(s => _subscribers.TryRemove(s, out _));
        _subscribers.TryAdd(subscription, 0);
        if (_latest is { } latest)
        {
            subscription.Offer(latest);
        }

        return subscription;
    }

    public LiveMessage Publish(FacilityView view)
    {
        if (_layout is null || _layout.Signature != LiveLayout.SignatureOf(view))
        {
            _layout = LiveLayout.Build(view);
        }

        var conditions = AlarmRules.Evaluate(
            view.Racks.Select(r => new RackReading(r.Id, r.Stale, r.Gpus, r.GpusReporting, r.MaxTemperatureC, r.GpusCapBinding, r.GpusCapNotApplied)),
            view.Power, view.Links, AlarmThresholds.Default);
        var raised = _alarms.Update(conditions, view.ReadAt);
        var message = new LiveMessage(_layout, LiveFrame.Write(view, _layout, raised));
        _raised = raised;
        _latest = message;
        foreach (var subscriber in _subscribers.Keys)
        {
            subscriber.Offer(message);
        }

        return message;
    }
}
