using System.Text;
using TokenFactoryTwin.Domain.Telemetry.Mapping;
using TokenFactoryTwin.Domain.Telemetry.Prometheus;

namespace TokenFactoryTwin.FuzzTargets.Targets;

/// <summary>
/// A Prometheus exposition body (<c>POST /api/metrics</c>, and every scrape): decoded as the gateway decodes it, parsed
/// and mapped both as pushed for a named host and as pulled with host labels. Line problems are issues, never throws.
/// </summary>
public sealed class PrometheusTextTarget : IFuzzTarget
{
    public string Name => "prometheus-text";

    public bool Run(ReadOnlyMemory<byte> input)
    {
        var text = Encoding.UTF8.GetString(input.Span);
        var read = false;
        foreach (var host in new[] { null, "h1-01" })
        {
            var mapper = new TelemetryMapper(host, FuzzFixtures.Now);
            var lines = PrometheusTextParser.Parse(text, mapper, FuzzFixtures.MeterNames, []);
            MappedChecks.Check(mapper.Finish());
            read = lines.Lines > 0 && !lines.NoneReadable;
        }

        return read;
    }
}
