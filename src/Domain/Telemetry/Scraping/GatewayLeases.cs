namespace TokenFactoryTwin.Domain.Telemetry.Scraping;

/// <summary>
/// The gateways scraping a facility, each for as long as it keeps renewing its lease: one that stops renewing (a
/// crash, a lost network) drops out when its lease ends, and the others take its targets at their next refresh.
/// </summary>
public sealed class GatewayLeases
{
    private readonly Dictionary<string, DateTimeOffset> _until = new(StringComparer.Ordinal);

    /// <summary>Renews (or takes) <paramref name="gatewayId"/>'s lease and returns every gateway whose lease still runs, in id order.</summary>
    public IReadOnlyList<string> Renew(string gatewayId, DateTimeOffset now, TimeSpan lease)
    {
        _until[gatewayId] = now + lease;
        return Live(now);
    }

    /// <summary>Ends a gateway's lease at once (it is stopping): its targets need not wait for the lease to run out.</summary>
    public void Leave(string gatewayId) => _until.Remove(gatewayId);

    /// <summary>The gateways whose lease still runs at <paramref name="now"/>, in id order; the others are forgotten.</summary>
    public IReadOnlyList<string> Live(DateTimeOffset now)
    {
        foreach (var ended in _until.Where(l => l.Value <= now).Select(l => l.Key).ToList())
        {
            _until.Remove(ended);
        }

        return [.. _until.Keys.Order(StringComparer.Ordinal)];
    }
}
