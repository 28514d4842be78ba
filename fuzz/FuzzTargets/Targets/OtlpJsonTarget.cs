using System.Text.Json;
using TokenFactoryTwin.Domain.Telemetry.Mapping;
using TokenFactoryTwin.Domain.Telemetry.Otlp;

namespace TokenFactoryTwin.FuzzTargets.Targets;

/// <summary>An OTLP/HTTP JSON export request (<c>POST /v1/metrics</c>): a body that is not one is a <see cref="JsonException"/> (400).</summary>
public sealed class OtlpJsonTarget : IFuzzTarget
{
    public string Name => "otlp-json";

    public bool Run(ReadOnlyMemory<byte> input)
    {
        var mapper = new TelemetryMapper(null, FuzzFixtures.Now);
        try
        {
            OtlpJsonParser.Parse(input, mapper);
        }
        catch (JsonException)
        {
            return false;
        }

        MappedChecks.Check(mapper.Finish());
        return true;
    }
}
