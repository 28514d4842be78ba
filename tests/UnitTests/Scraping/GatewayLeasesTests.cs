using TokenFactoryTwin.Domain.Telemetry.Scraping;

namespace TokenFactoryTwin.UnitTests.Scraping;

/// <summary>The leases of the gateways sharing a facility's scrape targets, on a made-up clock.</summary>
public sealed class GatewayLeasesTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 6, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(15);

    [Fact]
    public void Gateways_that_renew_are_listed_in_id_order()
    {
        var leases = new GatewayLeases();

        leases.Renew("gw-b", Start, Lease);
        var seen = leases.Renew("gw-a", Start.AddSeconds(1), Lease);

        Assert.Equal(["gw-a", "gw-b"], seen);
    }

    [Fact]
    public void A_gateway_that_stops_renewing_drops_out_when_its_lease_ends_and_one_that_renews_stays()
    {
        var leases = new GatewayLeases();
        leases.Renew("gw-a", Start, Lease);
        leases.Renew("gw-b", Start, Lease);

        // gw-a keeps renewing every 5 s; gw-b has died.
        leases.Renew("gw-a", Start.AddSeconds(5), Lease);
        leases.Renew("gw-a", Start.AddSeconds(10), Lease);
        Assert.Equal(["gw-a", "gw-b"], leases.Live(Start.AddSeconds(14.9)));

        Assert.Equal(["gw-a"], leases.Renew("gw-a", Start.AddSeconds(15), Lease));
        Assert.Equal(["gw-a"], leases.Live(Start.AddSeconds(29.9)));
        Assert.Empty(leases.Live(Start.AddSeconds(30)));
    }

    [Fact]
    public void A_gateway_that_leaves_is_gone_at_once_and_may_come_back()
    {
        var leases = new GatewayLeases();
        leases.Renew("gw-a", Start, Lease);
        leases.Renew("gw-b", Start, Lease);

        leases.Leave("gw-b");
        leases.Leave("gw-unknown");

        Assert.Equal(["gw-a"], leases.Live(Start.AddSeconds(1)));
        Assert.Equal(["gw-a", "gw-b"], leases.Renew("gw-b", Start.AddSeconds(2), Lease));
    }
}
