using TokenFactoryTwin.Domain.Telemetry.Mapping;
using TokenFactoryTwin.Domain.Telemetry.Otlp;
using TokenFactoryTwin.Domain.Telemetry.Protobuf;

namespace TokenFactoryTwin.FuzzTargets.Targets;

/// <summary>
/// An OTLP protobuf export request (<c>POST /v1/metrics</c> as <c>application/x-protobuf</c>, and gRPC
/// <c>MetricsService/Export</c>): a body that is not one is a <see cref="ProtobufFormatException"/> (400, INVALID_ARGUMENT).
/// </summary>
public sealed class OtlpProtobufTarget : IFuzzTarget
{
    public string Name => "otlp-protobuf";

    public bool Run(ReadOnlyMemory<byte> input)
    {
        var mapper = new TelemetryMapper(null, FuzzFixtures.Now);
        try
        {
            OtlpProtobufParser.Parse(input.Span, mapper);
        }
        catch (ProtobufFormatException)
        {
            return false;
        }

        MappedChecks.Check(mapper.Finish());
        return true;
    }
}
