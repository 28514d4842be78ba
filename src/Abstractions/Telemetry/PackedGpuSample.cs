using System.Runtime.InteropServices;

namespace TokenFactoryTwin.Abstractions.Telemetry;

/// <summary>
/// One GPU's readings at one instant as a fixed-size value (88 bytes, no references): the form samples travel in to
/// their rack (<see cref="GpuSampleBatch"/>). A reading is present when its flag is set in <see cref="Present"/>; a
/// present value may still be impossible (NaN, negative) and is refused by the rack with the field named.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct PackedGpuSample(int GpuIndex, GpuMetrics Present, long TimestampMs, GpuReading Readings)
{
    public DateTimeOffset Timestamp => DateTimeOffset.FromUnixTimeMilliseconds(TimestampMs);

    public bool Has(GpuMetrics metric) => (Present & metric) != 0;

    /// <summary>The same sample with one reading (a single flag) present and set to <paramref name="value"/>.</summary>
    public PackedGpuSample With(GpuMetrics reading, double value) =>
        this with { Present = Present | reading, Readings = Readings.With(reading, value) };

    public static PackedGpuSample From(GpuSample s)
    {
        var present = Flag(s.PowerW, GpuMetrics.Power) | Flag(s.EnergyMillijoules, GpuMetrics.Energy)
            | Flag(s.UtilizationPercent, GpuMetrics.Utilization) | Flag(s.TemperatureC, GpuMetrics.Temperature)
            | Flag(s.MemoryUsedMiB, GpuMetrics.Memory) | Flag(s.PromptTokens, GpuMetrics.PromptTokens)
            | Flag(s.GenerationTokens, GpuMetrics.GenerationTokens) | Flag(s.EnforcedPowerLimitW, GpuMetrics.EnforcedPowerLimit)
            | Flag(s.ClocksEventReasons, GpuMetrics.ClocksEventReasons);
        return new PackedGpuSample(s.GpuIndex, present, s.Timestamp.ToUnixTimeMilliseconds(), new GpuReading(
            s.PowerW ?? 0, s.EnergyMillijoules ?? 0, s.UtilizationPercent ?? 0, s.TemperatureC ?? 0, s.MemoryUsedMiB ?? 0,
            s.PromptTokens ?? 0, s.GenerationTokens ?? 0, s.EnforcedPowerLimitW ?? 0, s.ClocksEventReasons ?? 0));
    }

    private static GpuMetrics Flag(double? value, GpuMetrics metric) => value is null ? GpuMetrics.None : metric;
}
