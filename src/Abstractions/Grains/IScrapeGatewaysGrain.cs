namespace TokenFactoryTwin.Abstractions.Grains;

/// <summary>
/// The gateways that scrape a facility's registered targets, so they can share them out
/// (rendezvous hashing of each target's id over their ids) instead of each scraping all of them. Leases only, kept in memory: after a restart of
/// this grain every gateway has renewed within one refresh.
/// </summary>
[Alias("tft.IScrapeGatewaysGrain")]
public interface IScrapeGatewaysGrain : IGrainWithStringKey
{
    /// <summary>Renews the gateway's lease for <paramref name="leaseSeconds"/> and returns every gateway whose lease runs, in id order.</summary>
    [Alias("Renew")]
    Task<string[]> Renew(string gatewayId, double leaseSeconds);

    /// <summary>Ends the gateway's lease now: it is stopping, and the others take its targets at their next refresh.</summary>
    [Alias("Leave")]
    Task Leave(string gatewayId);
}
