using TokenFactoryTwin.Domain.Telemetry.Native;

namespace TokenFactoryTwin.FuzzTargets.Targets;

/// <summary>
/// The twin's own telemetry batch (<c>POST /api/telemetry</c>: per-sample objects, or rack and host columns): every
/// problem is a refusal value, of the whole body or of one sample, never a throw.
/// </summary>
public sealed class NativeBatchTarget : IFuzzTarget
{
    public string Name => "native";

    public bool Run(ReadOnlyMemory<byte> input)
    {
        var content = NativeBatchReader.Read(input.Span);
        if (content.Refusal is not null)
        {
            return false;
        }

        MappedChecks.Check(content.Destinations);
        return true;
    }
}
