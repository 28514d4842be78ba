using TokenFactoryTwin.Gateway.Security;

namespace TokenFactoryTwin.Gateway.Hosting;

/// <summary>
/// Keeps the gateway trying to reach the cluster while the silo starts (or restarts), instead of failing its own
/// start: the gateway and the silo may come up in either order. It tries every quarter second for the first
/// <see cref="QuickAttempts"/> attempts (a refused connection on the silo's port costs next to nothing, and a silo
/// that opens its port is then found within a quarter second, not a whole one: part of a fast first KPI), then every
/// second.
/// </summary>
public sealed class RetryForeverFilter(ILogger<RetryForeverFilter> logger) : IClientConnectionRetryFilter
{
    private const int QuickAttempts = 120;
    private static readonly TimeSpan QuickRetry = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan SlowRetry = TimeSpan.FromSeconds(1);
    private int _attempt;

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return false;
        }

        if (++_attempt % 20 == 1)
        {
            GatewayLog.ClusterUnreachable(logger, _attempt, exception.Message);
        }

        await Task.Delay(_attempt <= QuickAttempts ? QuickRetry : SlowRetry, cancellationToken);
        return true;
    }
}
