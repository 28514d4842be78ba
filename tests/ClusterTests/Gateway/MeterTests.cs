using TokenFactoryTwin.ClusterTests.Infrastructure;

namespace TokenFactoryTwin.ClusterTests.Gateway;

[Collection(TwinClusterCollection.Name)]
public sealed class MeterTests(TwinClusterFixture fixture)
{
    private static readonly Dictionary<string, string?> Meters = new()
    {
        ["Twin:Meters:Power:0:Metric"] = "pdu_active_power_watts",
        ["Twin:Meters:Power:0:Label"] = "pdu",
        ["Twin:Meters:Power:0:ScaleToKw"] = "0.001",
        ["Twin:Meters:Power:0:Nodes:pdu-a1"] = "bw-1a",
        ["Twin:Meters:Facility:Metric"] = "site_power_kw",
        ["Twin:Meters:Ports:0:Links:Ethernet1/1"] = "up-h1-01",
        ["Twin:Meters:Ports:0:Links:Ethernet1/2"] = "up-h1-01",
    };

    [Fact]
    public async Task Pdu_switch_port_and_facility_meters_show_next_to_the_modelled_figures()
    {
        await using var twin = await LiveTwin.Start(fixture, Meters);
        var at = SampleTimes.Now();
        var (t0, t1) = (at.Ms(11), at.Ms(1));
        var first = $"""
            ifHCInOctets{"{"}ifName="Ethernet1/1"{"}"} 1000000000 {t0}
            ifHCInOctets{"{"}ifName="Ethernet1/2"{"}"} 0 {t0}
            ifHCOutOctets{"{"}ifName="Ethernet1/1"{"}"} 0 {t0}
            """;
        var second = $"""
            pdu_active_power_watts{"{"}pdu="pdu-a1"{"}"} 12500 {t1}
            pdu_active_power_watts{"{"}pdu="pdu-unknown"{"}"} 1 {t1}
            site_power_kw 60 {t1}
            ifHCInOctets{"{"}ifName="Ethernet1/1"{"}"} 13500000000 {t1}
            ifHCInOctets{"{"}ifName="Ethernet1/2"{"}"} 12500000000 {t1}
            ifHCOutOctets{"{"}ifName="Ethernet1/1"{"}"} 1250000000 {t1}
            ifOperStatus{"{"}ifName="Ethernet1/1"{"}"} 1 {t1}
            ifOperStatus{"{"}ifName="Ethernet1/2"{"}"} 2 {t1}
            """;

        Assert.Equal(3, (await LiveTwin.Json(await twin.PostPrometheus(first))).GetProperty("accepted").GetInt32());
        var reply = await LiveTwin.Json(await twin.PostPrometheus(second));

        Assert.Equal(7, reply.GetProperty("accepted").GetInt32());
        Assert.Equal(1, reply.GetProperty("rejected").GetInt32());
        var meters = await Eventually.Get(
            async () => await LiveTwin.Json(await twin.Http.GetAsync("/api/meters")),
            m => m.GetProperty("facility").GetProperty("itPowerKw").GetDouble() > 0, what: "the facility to have IT power");
        var node = meters.GetProperty("powerNodes").EnumerateArray().Single(n => n.GetProperty("id").GetString() == "bw-1a");
        Assert.Equal(12.5, node.GetProperty("meteredKw").GetDouble(), 9);
        Assert.True(node.GetProperty("computedLoadKw").GetDouble() >= 0);
        var other = meters.GetProperty("powerNodes").EnumerateArray().Single(n => n.GetProperty("id").GetString() == "bw-1b");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, other.GetProperty("meteredKw").ValueKind);
        var facility = meters.GetProperty("facility");
        Assert.Equal(60, facility.GetProperty("meteredKw").GetDouble());
        Assert.Equal(60 / facility.GetProperty("itPowerKw").GetDouble(), facility.GetProperty("measuredPue").GetDouble(), 9);
        var kpis = await Eventually.Get(async () => await LiveTwin.Json(await twin.Http.GetAsync("/api/facility")),
            f => f.GetProperty("powerSource").GetString() == "meter", what: "the facility meter to be the facility's power");
        Assert.Equal(60, kpis.GetProperty("facilityPowerKw").GetDouble(), 9);
        Assert.Equal(60 / kpis.GetProperty("itPowerKw").GetDouble(), kpis.GetProperty("pue").GetDouble(), 9);
        Assert.Equal(kpis.GetProperty("tokensPerSecond").GetDouble() * 1000 / 60, kpis.GetProperty("tokensPerSecondPerMegawatt").GetDouble(), 6);
        var link = meters.GetProperty("links").EnumerateArray().Single(l => l.GetProperty("id").GetString() == "up-h1-01");
        // (12.5e9 + 12.5e9) octets in 10 s in, 1.25e9 out: 20 and 1 Gb/s.
        Assert.Equal(20, link.GetProperty("measuredInGbps").GetDouble(), 9);
        Assert.Equal(1, link.GetProperty("measuredOutGbps").GetDouble(), 9);
        Assert.Equal((1, 1), (link.GetProperty("portsUp").GetInt32(), link.GetProperty("portsDown").GetInt32()));
    }
}
