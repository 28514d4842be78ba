using TokenFactoryTwin.Abstractions.Telemetry;

namespace TokenFactoryTwin.Domain.Telemetry;

/// <summary>
/// The running requests each inference server reports on a rack's GPUs: the newest gauge per server, counted while
/// it is fresh. A gauge is a level, not a counter: an older reading never replaces a newer one.
/// </summary>
public sealed class ServingObservations
{
    private readonly Dictionary<string, ServingShare> _byServer = new(StringComparer.Ordinal);

    public void Observe(ServingShare share)
    {
        if (!double.IsFinite(share.RunningRequests) || share.RunningRequests < 0)
        {
            return;
        }

        if (!_byServer.TryGetValue(share.Server, out var held) || held.Timestamp < share.Timestamp)
        {
            _byServer[share.Server] = share;
        }
    }

    /// <summary>Running requests on the rack: the sum of every server's share reported within <paramref name="staleAfter"/> of <paramref name="now"/>.</summary>
    public double Running(DateTimeOffset now, TimeSpan staleAfter)
    {
        var sum = 0.0;
        foreach (var share in _byServer.Values)
        {
            if (now - share.Timestamp <= staleAfter)
            {
                sum += share.RunningRequests;
            }
        }

        return sum;
    }

    /// <summary>The newest running-requests gauge among a server's readings, if any carried one.</summary>
    public static ServerTokens? Latest(IReadOnlyList<ServerTokens> readings)
    {
        ServerTokens? latest = null;
        foreach (var reading in readings)
        {
            if (reading.RunningRequests is not null && (latest is null || reading.Timestamp > latest.Timestamp))
            {
                latest = reading;
            }
        }

        return latest;
    }
}
