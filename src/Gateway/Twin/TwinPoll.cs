namespace TokenFactoryTwin.Gateway.Twin;

/// <summary>
/// Keeps the latest answer of one grain question at hand for a meter, which cannot wait on a grain at collection
/// time: asked at start and every period; a failed read keeps the last answer (the cluster may be starting or failing
/// over).
/// </summary>
public abstract class TwinPoll<T>(TwinLocator twin, TimeProvider time, ILogger logger, TimeSpan period) : BackgroundService
    where T : class
{
    private volatile T? _latest;

    public T? Latest => _latest;

    /// <summary>The question, asked of the facility this gateway serves.</summary>
    protected abstract Task<T?> Read(TwinLocator twin, string facility);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(period, time);
        do
        {
            try
            {
                if (await twin.FacilityId() is { } facility)
                {
                    _latest = await Read(twin, facility);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                TwinPollLog.NotRead(logger, GetType().Name, e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
