using System.Text;
using TokenFactoryTwin.Abstractions.Telemetry;
using TokenFactoryTwin.Domain.Telemetry.Mapping;
using TokenFactoryTwin.Domain.Telemetry.Otlp;

namespace TokenFactoryTwin.UnitTests.PowerCaps;

/// <summary>The enforced limit and the reasons as OTLP gauges (what an OpenTelemetry collector forwards of dcgm-exporter).</summary>
public sealed class PowerCapOtlpTests
{
    [Fact]
    public void OTLP_gauges_of_the_dcgm_names_pack_the_enforced_limit_and_the_reasons()
    {
        const string json = """
            {"resourceMetrics":[{"resource":{"attributes":[{"key":"host.name","value":{"stringValue":"gpu-node-1"}}]},
              "scopeMetrics":[{"metrics":[
                {"name":"DCGM_FI_DEV_ENFORCED_POWER_LIMIT","gauge":{"dataPoints":[
                  {"asDouble":400,"timeUnixNano":"1773114071000000000","attributes":[{"key":"gpu","value":{"stringValue":"0"}}]}]}},
                {"name":"DCGM_FI_DEV_CLOCKS_EVENT_REASONS","gauge":{"dataPoints":[
                  {"asInt":"4","timeUnixNano":"1773114071000000000","attributes":[{"key":"gpu","value":{"stringValue":"0"}}]}]}}]}]}]}
            """;
        var mapper = new TelemetryMapper(null, DateTimeOffset.UnixEpoch);
        OtlpJsonParser.Parse(Encoding.UTF8.GetBytes(json), mapper);
        var mapped = mapper.Finish();

        Assert.Empty(mapped.Issues);
        var sample = mapped.Hosts.Single().Samples.Build().Samples.ToArray().Single();
        Assert.Equal(GpuMetrics.EnforcedPowerLimit | GpuMetrics.ClocksEventReasons, sample.Present);
        Assert.Equal((400.0, 4.0), (sample.Readings.EnforcedPowerLimitW, sample.Readings.ClocksEventReasons));
    }
}
