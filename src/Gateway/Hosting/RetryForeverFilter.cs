using TokenFactoryTwin.Gateway.Security;

namespace TokenFactoryTwin.Gateway.Hosting;

/// <summary>
/// Keeps the gateway trying to reach the cluster while the silo starts (or restarts), instead of failing its own
/// start: the gateway and the silo may come up in either order.
/// </summary>
public sealed class RetryForeverFilter(ILogger<RetryForeverFilter> logger) : IClientConnectionRetryFilter
{
    private int _attempt;

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return false;
        }

        if (++_attempt % 10 == 1)
        {
            GatewayLog.ClusterUnreachable(logger, _attempt, exception.Message);
        }

        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        return true;
    }
}
