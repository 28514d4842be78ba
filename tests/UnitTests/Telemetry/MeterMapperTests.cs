using TokenFactoryTwin.Domain.Telemetry.Mapping;
using TokenFactoryTwin.Domain.Telemetry.Meters;
using TokenFactoryTwin.Domain.Telemetry.Prometheus;

namespace TokenFactoryTwin.UnitTests.Telemetry;

public sealed class MeterMapperTests
{
    private static readonly MeterRules Rules = new()
    {
        Power = [new PowerMeterRule { Metric = "pdu_active_power_watts", Label = "pdu", ScaleToKw = 0.001, Nodes = new() { ["pdu-a1"] = "bw-1a" } }],
        Facility = new FacilityMeterRule { Metric = "site_power_kw" },
        Ports = [new PortRule { Links = new() { ["Ethernet1/1"] = "up-h1-01", ["Ethernet1/2"] = "up-h1-01" } }],
    };

    private static (List<MeterReading> Readings, int Unmapped) Map(string text)
    {
        var points = new List<MetricPoint>();
        PrometheusTextParser.Parse(text, new TelemetryMapper(null, DateTimeOffset.UnixEpoch), Rules.MetricNames(), points);
        return MeterMapper.Map(points, Rules, 1_000);
    }

    [Fact]
    public void Pdu_facility_and_snmp_port_series_map_to_their_targets()
    {
        var (readings, unmapped) = Map("""
            pdu_active_power_watts{pdu="pdu-a1"} 12500
            pdu_active_power_watts{pdu="pdu-zz"} 100
            site_power_kw 640.5 2000
            ifHCInOctets{ifName="Ethernet1/1",ifIndex="1"} 1e12
            ifHCOutOctets{ifName="Ethernet1/2"} 5
            ifOperStatus{ifName="Ethernet1/2"} 2
            ifOperStatus{ifName="Ethernet9/9"} 1
            DCGM_FI_DEV_POWER_USAGE{gpu="0",Hostname="h"} 300
            """);

        Assert.Equal(2, unmapped);
        Assert.Equal(
            [
                new MeterReading("power:bw-1a", MeterKinds.PowerKw, null, 12.5, 1_000),
                new MeterReading("facility", MeterKinds.PowerKw, null, 640.5, 2000),
                new MeterReading("link:up-h1-01", MeterKinds.InOctets, "Ethernet1/1", 1e12, 1_000),
                new MeterReading("link:up-h1-01", MeterKinds.OutOctets, "Ethernet1/2", 5, 1_000),
                new MeterReading("link:up-h1-01", MeterKinds.Up, "Ethernet1/2", 0, 1_000),
            ],
            readings);
    }

    [Fact]
    public void Without_rules_no_series_is_a_meter()
    {
        Assert.Empty(new MeterRules().MetricNames());
        Assert.Empty(MeterMapper.Map([new MetricPoint("ifHCInOctets", [new("ifName", "x")], 1, null, 1)], new MeterRules(), 0).Readings);
    }
}
