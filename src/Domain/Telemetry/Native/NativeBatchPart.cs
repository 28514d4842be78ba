namespace TokenFactoryTwin.Domain.Telemetry.Native;

/// <summary>The arrays a native batch may hold: one object per sample, or one object per rack or host with a column per reading.</summary>
public enum NativeBatchPart
{
    Samples,
    Racks,
    Hosts,
}
