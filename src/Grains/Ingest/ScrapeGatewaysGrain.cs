using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Domain.Telemetry.Scraping;

namespace TokenFactoryTwin.Grains.Ingest;

/// <summary>Keeps the leases of the gateways scraping a facility (in memory: each renews every few seconds).</summary>
public sealed class ScrapeGatewaysGrain(TimeProvider time) : Grain, IScrapeGatewaysGrain
{
    private readonly GatewayLeases _leases = new();

    public Task<string[]> Renew(string gatewayId, double leaseSeconds) =>
        Task.FromResult(_leases.Renew(gatewayId, time.GetUtcNow(), TimeSpan.FromSeconds(leaseSeconds)).ToArray());

    public Task Leave(string gatewayId)
    {
        _leases.Leave(gatewayId);
        return Task.CompletedTask;
    }
}
