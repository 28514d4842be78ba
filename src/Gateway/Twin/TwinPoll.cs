namespace TokenFactoryTwin.Gateway.Twin;

/// <summary>
/// Keeps the latest answer of one grain question at hand for a meter, which cannot wait on a grain at collection
/// time: asked at start and every period; a failed read keeps the last answer (the cluster may be starting or failing
/// over). Until the twin has answered with a value (the gateway not yet connected, the facility not yet started), it
/// asks again every <see cref="Retry"/>, not every period: a 30 s period would otherwise leave a gateway that started
/// a moment before its facility without the answer for 30 s. A question whose answer is none (no carbon settings, no
/// flex event) is asked every <see cref="Retry"/> too: one small call a second.
/// </summary>
public abstract class TwinPoll<T>(TwinLocator twin, TimeProvider time, ILogger logger, TimeSpan period) : BackgroundService
    where T : class
{
    /// <summary>How soon a question the twin did not answer is asked again.</summary>
    public static readonly TimeSpan Retry = TimeSpan.FromSeconds(1);

    private volatile T? _latest;

    public T? Latest => _latest;

    /// <summary>The question, asked of the facility this gateway serves.</summary>
    protected abstract Task<T?> Read(TwinLocator twin, string facility);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                var answered = await Ask();
                await Task.Delay(answered || Retry > period ? period : Retry, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>Asks once; false when the twin gave no value (no facility known yet, none to give, or the call failed).</summary>
    private async Task<bool> Ask()
    {
        try
        {
            if (await twin.FacilityId() is not { } facility)
            {
                return false;
            }

            _latest = await Read(twin, facility);
            return _latest is not null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            TwinPollLog.NotRead(logger, GetType().Name, e.Message);
            return false;
        }
    }
}
