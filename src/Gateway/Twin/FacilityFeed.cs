using TokenFactoryTwin.Abstractions.Grains;

namespace TokenFactoryTwin.Gateway.Twin;

/// <summary>
/// Reads the facility's aggregates once per second, in one call (<see cref="IFacilityKpiGrain.GetView"/>), and keeps
/// the latest <see cref="FacilityView"/> for the live view and the gateway's meter. A poll of aggregates the facility
/// grain already holds, rather than an Orleans observer: it costs one call per second per gateway, survives the
/// facility grain moving to another silo with no re-subscription, and marks the view stale by itself when the cluster
/// stops answering.
/// </summary>
public sealed partial class FacilityFeed(TwinLocator twin, TimeProvider time, ILogger<FacilityFeed> logger) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    private volatile FacilityView? _latest;

    /// <summary>Raised after each read (fresh or stale) with the view to publish.</summary>
    public event Action<FacilityView>? Updated;

    public FacilityView? Latest => _latest;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        do
        {
            try
            {
                if (await twin.Facility<IFacilityKpiGrain>() is { } facility)
                {
                    // One call a frame: the facility gathers its halls' racks once and derives the links from them.
                    var read = await facility.GetView().WaitAsync(Period * 5, stoppingToken);
                    _latest = new FacilityView(time.GetUtcNow(), false, read.Facility, read.Halls,
                        read.Racks.Select(RackView.From).ToList(), read.Power, read.Links, read.Workloads);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogReadFailed(logger, e.Message);
                if (_latest is { Stale: false } last)
                {
                    _latest = last with { Stale = true };
                }
            }

            if (_latest is { } view)
            {
                Updated?.Invoke(view);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the facility failed; the live view shows the last figures, marked stale: {Reason}")]
    private static partial void LogReadFailed(ILogger logger, string reason);
}
