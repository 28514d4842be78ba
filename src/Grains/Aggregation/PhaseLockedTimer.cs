using TokenFactoryTwin.Domain.Timing;

namespace TokenFactoryTwin.Grains.Aggregation;

/// <summary>
/// A grain's flush timer held at a fixed phase of the wall-clock flush period (<see cref="FlushSchedule"/>): it re-arms
/// itself before each flush, since Orleans would otherwise time the next period from the end of this callback and
/// the stages of the aggregation would drift apart. It keeps its grain active, as a twin's grains must keep flushing.
/// </summary>
public sealed class PhaseLockedTimer : IDisposable
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _period;
    private readonly double _phase;
    private IGrainTimer? _timer;

    public PhaseLockedTimer(IGrainBase grain, Func<CancellationToken, Task> flush, TimeProvider time, TimeSpan period, double phase)
    {
        (_time, _period, _phase) = (time, period, phase);
        _timer = grain.RegisterGrainTimer(cancellation =>
        {
            Realign();
            return flush(cancellation);
        }, new GrainTimerCreationOptions
        {
            DueTime = FlushSchedule.DueIn(time.GetUtcNow(), period, phase),
            Period = period,
            KeepAlive = true,
        });
    }

    public void Dispose()
    {
        _timer?.Dispose();
        _timer = null;
    }

    private void Realign() => _timer?.Change(FlushSchedule.DueIn(_time.GetUtcNow(), _period, _phase), _period);
}
