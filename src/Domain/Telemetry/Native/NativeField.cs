namespace TokenFactoryTwin.Domain.Telemetry.Native;

/// <summary>The properties a native sample or group may carry; which reading a <see cref="Reading"/> is comes with it as a <c>GpuMetrics</c> flag.</summary>
public enum NativeField
{
    Unknown,
    Rack,
    Uuids,
    Gpu,
    Host,
    GpuIndex,
    Uuid,
    Timestamp,
    Reading,
}
