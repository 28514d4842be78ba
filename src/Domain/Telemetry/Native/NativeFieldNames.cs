using System.Text;
using System.Text.Json;
using TokenFactoryTwin.Abstractions.Telemetry;

namespace TokenFactoryTwin.Domain.Telemetry.Native;

/// <summary>
/// Matches a property name of the native format straight from the request's UTF-8 bytes, case-insensitively as the
/// rest of the API reads JSON, without making a string of it.
/// </summary>
public static class NativeFieldNames
{
    public static (NativeField Field, GpuMetrics Reading) Match(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped)
        {
            // Rare (an escaped letter in a property name): unescape, then match the plain bytes.
            return Match(Encoding.UTF8.GetBytes(reader.GetString()!));
        }

        return Match(reader.ValueSpan);
    }

    /// <summary>The batch's top-level arrays: <c>samples</c>, <c>racks</c> or <c>hosts</c>; null for any other name.</summary>
    public static NativeBatchPart? Part(ref Utf8JsonReader reader)
    {
        var name = reader.ValueIsEscaped ? Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan;
        return Ascii.EqualsIgnoreCase(name, "samples"u8) ? NativeBatchPart.Samples
            : Ascii.EqualsIgnoreCase(name, "racks"u8) ? NativeBatchPart.Racks
            : Ascii.EqualsIgnoreCase(name, "hosts"u8) ? NativeBatchPart.Hosts
            : null;
    }

    public static (NativeField Field, GpuMetrics Reading) Match(ReadOnlySpan<byte> name) => name.Length switch
    {
        3 when Ascii.EqualsIgnoreCase(name, "gpu"u8) => (NativeField.Gpu, GpuMetrics.None),
        4 when Ascii.EqualsIgnoreCase(name, "host"u8) => (NativeField.Host, GpuMetrics.None),
        4 when Ascii.EqualsIgnoreCase(name, "uuid"u8) => (NativeField.Uuid, GpuMetrics.None),
        4 when Ascii.EqualsIgnoreCase(name, "rack"u8) => (NativeField.Rack, GpuMetrics.None),
        5 when Ascii.EqualsIgnoreCase(name, "uuids"u8) => (NativeField.Uuids, GpuMetrics.None),
        6 when Ascii.EqualsIgnoreCase(name, "powerW"u8) => (NativeField.Reading, GpuMetrics.Power),
        8 when Ascii.EqualsIgnoreCase(name, "gpuIndex"u8) => (NativeField.GpuIndex, GpuMetrics.None),
        9 when Ascii.EqualsIgnoreCase(name, "timestamp"u8) => (NativeField.Timestamp, GpuMetrics.None),
        12 when Ascii.EqualsIgnoreCase(name, "temperatureC"u8) => (NativeField.Reading, GpuMetrics.Temperature),
        12 when Ascii.EqualsIgnoreCase(name, "promptTokens"u8) => (NativeField.Reading, GpuMetrics.PromptTokens),
        13 when Ascii.EqualsIgnoreCase(name, "memoryUsedMiB"u8) => (NativeField.Reading, GpuMetrics.Memory),
        16 when Ascii.EqualsIgnoreCase(name, "generationTokens"u8) => (NativeField.Reading, GpuMetrics.GenerationTokens),
        17 when Ascii.EqualsIgnoreCase(name, "energyMillijoules"u8) => (NativeField.Reading, GpuMetrics.Energy),
        18 when Ascii.EqualsIgnoreCase(name, "utilizationPercent"u8) => (NativeField.Reading, GpuMetrics.Utilization),
        18 when Ascii.EqualsIgnoreCase(name, "clocksEventReasons"u8) => (NativeField.Reading, GpuMetrics.ClocksEventReasons),
        19 when Ascii.EqualsIgnoreCase(name, "enforcedPowerLimitW"u8) => (NativeField.Reading, GpuMetrics.EnforcedPowerLimit),
        _ => (NativeField.Unknown, GpuMetrics.None),
    };
}
