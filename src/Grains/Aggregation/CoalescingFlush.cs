namespace TokenFactoryTwin.Grains.Aggregation;

/// <summary>
/// A grain's flush run soon after its inputs change rather than at a fixed phase: the first request arms a one-shot
/// grain timer, later requests before it fires join the same flush, so a burst of inputs costs one flush, and none
/// waits longer than the delay it was armed with. One timer per grain, re-armed with <c>Change</c>, not one per request.
/// </summary>
public sealed class CoalescingFlush : IDisposable
{
    private readonly Action _flush;
    private IGrainTimer? _timer;

    public CoalescingFlush(IGrainBase grain, Action flush)
    {
        _flush = flush;
        _timer = grain.RegisterGrainTimer(_ =>
        {
            Pending = false;
            _flush();
            return Task.CompletedTask;
        }, new GrainTimerCreationOptions { DueTime = Timeout.InfiniteTimeSpan, Period = Timeout.InfiniteTimeSpan });
    }

    /// <summary>Whether a flush is armed and has not run yet.</summary>
    public bool Pending { get; private set; }

    /// <summary>Arms the flush <paramref name="delay"/> from now, unless one is armed already (which then serves this request too).</summary>
    public void Request(TimeSpan delay)
    {
        if (Pending || _timer is null)
        {
            return;
        }

        Pending = true;
        _timer.Change(delay, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Flushes now, in this turn, and disarms a flush armed for later.</summary>
    public void RunNow()
    {
        Cancel();
        _flush();
    }

    /// <summary>Disarms a flush armed for later (a periodic flush served it).</summary>
    public void Cancel()
    {
        if (Pending)
        {
            Pending = false;
            _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        _timer?.Dispose();
        _timer = null;
        Pending = false;
    }
}
