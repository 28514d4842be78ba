namespace TokenFactoryTwin.Gateway.Hosting;

/// <summary>
/// Starts the gateway's Orleans client in the background instead of inside the host's start. Orleans' client
/// normally blocks the start until a silo answers, so a gateway that comes up before its silos (a restart, a
/// Kubernetes rollout) served nothing — not even <c>/alive</c> — and a stop during that wait failed the host's start
/// with an unhandled exception. Here the gateway serves at once (alive, not ready; the API answers 503 until
/// <see cref="IsConnected"/>), and a stop at any moment ends cleanly: a start still waiting is cancelled, a client
/// that connected is stopped.
/// </summary>
public sealed partial class ClusterConnection(IServiceProvider services, ClusterClientServices client, ILogger<ClusterConnection> logger)
    : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<IHostedService> _started = [];
    private Task _connecting = Task.CompletedTask;

    public bool IsConnected => _connected.Task.IsCompletedSuccessfully;

    /// <summary>Completes when the client has connected to the cluster.</summary>
    public Task Connected => _connected.Task;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _connecting = Connect(_stopping.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _connecting;
        for (var i = _started.Count - 1; i >= 0; i--)
        {
            await _started[i].StopAsync(cancellationToken);
        }
    }

    public void Dispose() => _stopping.Dispose();

    private async Task Connect(CancellationToken stopping)
    {
        try
        {
            foreach (var service in client.Resolve(services))
            {
                await service.StartAsync(stopping);
                _started.Add(service);
            }

            _connected.TrySetResult();
            LogConnected(logger);
        }
        catch (Exception) when (stopping.IsCancellationRequested)
        {
            // Cancelled mid-attempt, or the retry filter declined one more try because of the stop: either way the
            // stop came first, and nothing connected needs stopping.
            LogStoppedBeforeConnecting(logger);
        }
    }

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "Connected to the twin's cluster.")]
    private static partial void LogConnected(ILogger logger);

    [LoggerMessage(EventId = 104, Level = LogLevel.Information, Message = "Stopped before the twin's cluster was reachable.")]
    private static partial void LogStoppedBeforeConnecting(ILogger logger);
}
