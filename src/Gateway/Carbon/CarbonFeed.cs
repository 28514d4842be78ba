using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Gateway.Twin;

namespace TokenFactoryTwin.Gateway.Carbon;

/// <summary>
/// Keeps the facility's carbon settings at hand for the meter, which cannot wait on a grain at collection time: read
/// from the topology at start and every <see cref="Period"/> (they change only when the facility file does).
/// </summary>
public sealed partial class CarbonFeed(TwinLocator twin, TimeProvider time, ILogger<CarbonFeed> logger) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(30);

    private volatile CarbonSpec? _spec;

    public CarbonSpec? Spec => _spec;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        do
        {
            try
            {
                if (await twin.Facility() is { } facility && await facility.GetTopology() is { } topology)
                {
                    _spec = topology.Carbon;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Keep the last settings: the cluster may be starting or failing over.
                NotRead(logger, e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Carbon settings not read this time: {Reason}")]
    private static partial void NotRead(ILogger logger, string reason);
}
