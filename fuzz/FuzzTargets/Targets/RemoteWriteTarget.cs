using TokenFactoryTwin.Domain.Telemetry.Protobuf;
using TokenFactoryTwin.Domain.Telemetry.RemoteWrite;

namespace TokenFactoryTwin.FuzzTargets.Targets;

/// <summary>
/// A Prometheus remote-write <c>WriteRequest</c> once inflated (<c>POST /api/v1/write</c>): a body that is not one is a
/// <see cref="ProtobufFormatException"/> (400, which Prometheus drops rather than retries).
/// </summary>
public sealed class RemoteWriteTarget : IFuzzTarget
{
    public string Name => "remote-write";

    public bool Run(ReadOnlyMemory<byte> input) => Decode(input.Span);

    /// <summary>Parses and maps one inflated request; also the last stage of <see cref="SnappyRemoteWriteTarget"/>.</summary>
    internal static bool Decode(ReadOnlySpan<byte> request)
    {
        var mappers = new ServerSeriesMappers(null, FuzzFixtures.Now);
        try
        {
            RemoteWriteParser.Parse(request, mappers, FuzzFixtures.MeterNames, []);
        }
        catch (ProtobufFormatException)
        {
            return false;
        }

        MappedChecks.Check(mappers.Default.Finish());
        foreach (var mapper in mappers.ByHost.Values)
        {
            MappedChecks.Check(mapper.Finish());
        }

        return true;
    }
}
