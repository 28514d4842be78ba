using System.Globalization;
using TokenFactoryTwin.Abstractions.Telemetry;

namespace TokenFactoryTwin.Domain.Telemetry;

/// <summary>
/// Checks one sample before anything of it is applied: a bad field rejects the whole sample, with a reason that
/// names the field, so nothing is half-applied.
/// </summary>
public static class SampleValidator
{
    public static string? Check(in PackedGpuSample sample, int gpus, DateTimeOffset now, SampleLimits limits)
    {
        if (sample.GpuIndex < 0 || sample.GpuIndex >= gpus)
        {
            return $"gpuIndex {sample.GpuIndex} is outside this rack's {gpus} GPU slots (0..{gpus - 1})";
        }

        var nowMs = now.ToUnixTimeMilliseconds();
        if (sample.TimestampMs > nowMs + (long)limits.MaxFuture.TotalMilliseconds)
        {
            return $"timestamp {Describe(sample.TimestampMs)} is more than {limits.MaxFuture.TotalMinutes:0} minutes in the future";
        }

        if (sample.TimestampMs < nowMs - (long)limits.MaxAge.TotalMilliseconds)
        {
            return $"timestamp {Describe(sample.TimestampMs)} is more than {limits.MaxAge.TotalMinutes:0} minutes old";
        }

        var present = sample.Present;
        var r = sample.Readings;
        return Field(present, GpuMetrics.Power, r.PowerW, 0, 5000)
            ?? Field(present, GpuMetrics.Energy, r.EnergyMillijoules, 0, double.MaxValue)
            ?? Field(present, GpuMetrics.Utilization, r.UtilizationPercent, 0, 100)
            ?? Field(present, GpuMetrics.Temperature, r.TemperatureC, -40, 150)
            ?? Field(present, GpuMetrics.Memory, r.MemoryUsedMiB, 0, double.MaxValue)
            ?? Field(present, GpuMetrics.PromptTokens, r.PromptTokens, 0, double.MaxValue)
            ?? Field(present, GpuMetrics.GenerationTokens, r.GenerationTokens, 0, double.MaxValue)
            ?? Field(present, GpuMetrics.EnforcedPowerLimit, r.EnforcedPowerLimitW, 0, 5000)
            ?? Bitmask(present, GpuMetrics.ClocksEventReasons, r.ClocksEventReasons);
    }

    /// <summary>
    /// A timestamp as a date when it is one. The parsers refuse what is not a date, but a rack checks what any caller
    /// hands it, so one past the year 9999 (or before year 1) is named by its number rather than thrown on.
    /// </summary>
    private static string Describe(long timestampMs) =>
        UnixMilliseconds.IsDate(timestampMs)
            ? DateTimeOffset.FromUnixTimeMilliseconds(timestampMs).ToString("O", CultureInfo.InvariantCulture)
            : $"{timestampMs} ms since 1970";

    /// <summary>NVML's reasons are a 32-bit mask in a 64-bit field today: a whole number from 0 to 2^32 - 1.</summary>
    private static string? Bitmask(GpuMetrics present, GpuMetrics metric, double v) =>
        Field(present, metric, v, 0, uint.MaxValue)
        ?? ((present & metric) != 0 && v != Math.Floor(v) ? $"{GpuReading.NameOf(metric)} {v} is not a whole number (a bitmask)" : null);

    private static string? Field(GpuMetrics present, GpuMetrics metric, double v, double min, double max) =>
        (present & metric) == 0 ? null
        : double.IsNaN(v) || double.IsInfinity(v) ? $"{GpuReading.NameOf(metric)} is not a finite number"
        : v < min ? $"{GpuReading.NameOf(metric)} {v} is below {min}"
        : v > max ? $"{GpuReading.NameOf(metric)} {v} is above {max}"
        : null;
}
